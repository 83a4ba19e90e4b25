package dev.mixdown.worker.master;

import dev.mixdown.dsp.io.AudioFileException;
import dev.mixdown.dsp.master.Deliverable;
import dev.mixdown.dsp.master.MasterEngine;
import dev.mixdown.dsp.master.MasterJob;
import dev.mixdown.dsp.master.MasterReport;
import dev.mixdown.dsp.master.MasterSettings;
import dev.mixdown.dsp.master.ToneProfile;
import dev.mixdown.jobs.contracts.DeliverableSpec;
import dev.mixdown.jobs.worker.EngineMapping;
import dev.mixdown.jobs.contracts.JobEvent;
import dev.mixdown.jobs.contracts.JobMessage;
import dev.mixdown.jobs.worker.JobException;
import dev.mixdown.jobs.worker.JobProcessor;
import dev.mixdown.jobs.worker.WorkContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A master job: fetch the input (and references) from the object store, run the master engine
 * for every deliverable, put the files and the report back under the job's attempt.
 */
public final class MasterJobProcessor implements JobProcessor {
    private static final String REPORT_NAME = "report.json";

    @Override
    public Result process(JobMessage job, WorkContext ctx) throws JobException, InterruptedException {
        if (job.input() == null) {
            throw JobException.badInput("a master job needs an input key", null);
        }
        if (job.deliverables().isEmpty()) {
            throw JobException.badInput("a master job needs at least one deliverable", null);
        }
        ctx.checkOwnKey(job.input());
        Path in = ctx.workDir().resolve("input");
        List<String> keys = new ArrayList<>(List.of(job.input()));
        List<Path> locals = new ArrayList<>(List.of(in));
        List<MasterSettings.Reference> refs = new ArrayList<>();
        for (int i = 0; i < job.references().size(); i++) {
            String spec = job.references().get(i);
            int colon = spec.lastIndexOf(':');
            String key = colon > 0 ? spec.substring(0, colon) : spec;
            double weight = colon > 0 ? Double.parseDouble(spec.substring(colon + 1)) : 1.0;
            ctx.checkOwnKey(key);
            Path ref = ctx.workDir().resolve("reference-" + i);
            keys.add(key);
            locals.add(ref);
            refs.add(new MasterSettings.Reference(ref, weight));
        }
        ctx.progress(1, "download");
        ctx.storage().downloadAll(keys, locals);
        Path outDir = ctx.workDir().resolve("out");
        MasterReport report;
        List<Deliverable> deliverables = new ArrayList<>();
        try {
            Files.createDirectories(outDir);
            for (DeliverableSpec d : job.deliverables()) {
                deliverables.add(EngineMapping.deliverable(outDir, d));
            }
            MasterSettings settings = new MasterSettings(job.profile() == null ? ToneProfile.NEUTRAL : ToneProfile.named(job.profile()),
                    refs, job.amount() == null ? 50 : job.amount(), true, null);
            report = new MasterEngine((stage, fraction) -> ctx.progress(5 + 85 * fraction, stage))
                    .master(new MasterJob(in, settings, deliverables, ctx.workDir().resolve("engine"), ctx.workDir().resolve("plots")));
        } catch (AudioFileException | IllegalArgumentException e) {
            // name the object the user uploaded, not the worker's temporary copy
            throw JobException.badInput(e.getMessage().replace(in.toString(), job.input()), e);
        } catch (IOException e) {
            throw new JobException(JobException.INTERNAL, "local disk: " + e.getMessage(), true, e);
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        ctx.progress(92, "upload");
        WorkContext.Results results = ctx.results();
        deliverables.forEach(d -> results.file(d.path()));
        List<Long> sizes = results.json(REPORT_NAME, report).plots(ctx.workDir().resolve("plots"), "plot-").upload();
        List<JobEvent.OutputFile> outputs = new ArrayList<>();
        for (int i = 0; i < deliverables.size(); i++) {
            String name = deliverables.get(i).path().getFileName().toString();
            MasterReport.DeliveredFile measured = report.deliverables().get(i);
            outputs.add(new JobEvent.OutputFile(name, ctx.outputKey(name), sizes.get(i),
                    measured.after().integratedLufs(), measured.after().truePeakDbtp()));
        }
        String reportKey = ctx.outputKey(REPORT_NAME);
        return new Result(outputs, reportKey);
    }
}
