package dev.mixdown.gateway.studio;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mixdown.gateway.config.GatewayConfig;
import dev.mixdown.gateway.jobs.JobEntity;
import dev.mixdown.gateway.jobs.JobQueries;
import dev.mixdown.gateway.jobs.JobView;
import dev.mixdown.jobs.contracts.DeliveryRules;
import dev.mixdown.jobs.contracts.JobKind;
import dev.mixdown.jobs.contracts.JobMessage;
import dev.mixdown.jobs.contracts.Json;
import dev.mixdown.jobs.contracts.StemInput;
import dev.mixdown.jobs.storage.ObjectStorage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * A job's result page: what the player may play (presigned URLs, with the loudness the report
 * gives each), the report itself (read from the store so the browser needs no cross-origin read),
 * its plots and the job's revisions. Nothing here measures audio: every figure is the worker's.
 */
@ApplicationScoped
public class ResultPage {
    @Inject
    JobQueries jobs;

    @Inject
    StudioQueries studio;

    @Inject
    ObjectStorage storage;

    @Inject
    GatewayConfig config;

    public StudioViews.Listening of(String tenantId, UUID id) {
        JobEntity job = jobs.get(tenantId, id);
        int seconds = config.storage().urlSeconds();
        JobView view = jobs.view(job, seconds);
        JobMessage request = StudioQueries.request(job);
        JsonNode report = job.reportKey == null ? null : readReport(job.reportKey);
        List<StudioViews.Source> sources = new ArrayList<>();
        StudioViews.Source original = original(request, report, seconds);
        if (original != null) {
            sources.add(original);
        }
        addOutputs(sources, view, false);
        if (job.revisionOf != null) {
            // what this revision changed is heard against the job it revises
            addOutputs(sources, jobs.view(jobs.get(tenantId, job.revisionOf), seconds), true);
        }
        List<StudioViews.StemRow> stems = request.stems().stream().map(s -> new StudioViews.StemRow(StudioQueries.fileName(s.key()),
                s.key(), s.role(), s.presence(), s.pan(), s.reverb(), s.gainDb(), s.mute())).toList();
        return new StudioViews.Listening(view, StudioQueries.title(request), StudioQueries.requestTree(job), sources, report,
                job.reportKey == null ? List.of() : plots(job.reportKey, seconds), studio.revisions(tenantId, job.id), stems);
    }

    /**
     * The job's outputs as sources: the mix (kind "mix") first, then its masters ("master"), so that
     * the player goes original, mix, masters; of the revised job, "previous-" kinds.
     */
    private static void addOutputs(List<StudioViews.Source> sources, JobView view, boolean previous) {
        List<JobView.Output> mixFirst = view.outputs().stream().sorted(Comparator.comparing(o -> !isMix(o))).toList();
        for (JobView.Output o : mixFirst) {
            String kind = isMix(o) ? "mix" : "master";
            String label = previous ? "Before revision: " + o.name() : kind.equals("mix") ? "Mix" : "Master: " + o.name();
            sources.add(new StudioViews.Source("out-" + sources.size(), label, previous ? "previous-" + kind : kind, List.of(o.url()),
                    o.integratedLufs(), false));
        }
    }

    private static boolean isMix(JobView.Output o) {
        return DeliveryRules.MIX_NAME.equalsIgnoreCase(o.name());
    }

    /**
     * The input as it came: a master job's input file, or a mix job's stems played together. A mix
     * job's original has no measured loudness, so it is the power sum of the stems' reported
     * loudness (independent parts add in power), marked as an estimate.
     */
    private StudioViews.Source original(JobMessage request, JsonNode report, int seconds) {
        if (request.kind() == JobKind.MASTER) {
            Double lufs = report == null ? null : number(report.path("before").path("integratedLufs"));
            return new StudioViews.Source("original", "Original", "original", List.of(storage.presignedGet(request.input(), seconds)),
                    lufs, false);
        }
        List<String> urls = request.stems().stream().filter(s -> !Boolean.TRUE.equals(s.mute())).map(StemInput::key)
                .map(k -> storage.presignedGet(k, seconds)).toList();
        if (urls.isEmpty()) {
            return null;
        }
        Double power = null;
        if (report != null) {
            double sum = 0;
            for (JsonNode stem : report.path("stems")) {
                Double l = number(stem.path("loudnessBeforeLufs"));
                if (l != null && !stem.path("muted").asBoolean(false)) {
                    sum += Math.pow(10, l / 10);
                }
            }
            power = sum > 0 ? 10 * Math.log10(sum) : null;
        }
        return new StudioViews.Source("original", "Original (stems summed)", "original", urls, power, true);
    }

    private List<StudioViews.Plot> plots(String reportKey, int seconds) {
        String folder = reportKey.substring(0, reportKey.lastIndexOf('/') + 1);
        List<StudioViews.Plot> plots = new ArrayList<>();
        for (String key : storage.list(folder)) {
            String name = key.substring(folder.length());
            if (name.startsWith(DeliveryRules.PLOT_PREFIX) && name.endsWith(".png") && !name.contains("/")) {
                plots.add(new StudioViews.Plot(name, storage.presignedGet(key, seconds)));
            }
        }
        return plots;
    }

    private JsonNode readReport(String key) {
        try {
            Path local = Files.createTempFile("studio-report-", ".json");
            try {
                storage.download(key, local);
                return Json.MAPPER.readTree(local.toFile());
            } finally {
                Files.deleteIfExists(local);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the report " + key + " is not readable", e);
        }
    }

    private static Double number(JsonNode n) {
        return n != null && n.isNumber() ? n.asDouble() : null;
    }
}
