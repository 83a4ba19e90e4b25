package dev.mixdown.worker.master;

import dev.mixdown.dsp.io.AudioFileException;
import dev.mixdown.dsp.master.Deliverable;
import dev.mixdown.dsp.master.MasterEngine;
import dev.mixdown.dsp.master.MasterJob;
import dev.mixdown.dsp.master.MasterReport;
import dev.mixdown.dsp.master.MasterSettings;
import dev.mixdown.dsp.master.ToneProfile;
import dev.mixdown.jobs.contracts.DeliverableSpec;
import dev.mixdown.jobs.contracts.DeliveryRules;
import dev.mixdown.jobs.contracts.ReferenceTrack;
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

    @Override
    public Result process(JobMessage job, WorkContext ctx) throws JobException, InterruptedException {
        if (job.input() == null) {
            throw JobException.badInput("a master job needs an input key", null);
        }
        if (job.deliverables().isEmpty()) {
            throw JobException.badInput("a master job needs at least one deliverable", null);
        }
        ctx.checkOwnKey(job.input());
        Path in = ctx.shownAs(ctx.workDir().resolve("input"), job.input());
        List<String> keys = new ArrayList<>(List.of(job.input()));
        List<Path> locals = new ArrayList<>(List.of(in));
        List<MasterSettings.Reference> refs = new ArrayList<>();
        for (int i = 0; i < job.references().size(); i++) {
            ReferenceTrack r = job.references().get(i);
            ctx.checkOwnKey(r.key());
            Path ref = ctx.shownAs(ctx.workDir().resolve("reference-" + i), r.key());
            keys.add(r.key());
            locals.add(ref);
            try {
                refs.add(new MasterSettings.Reference(ref, r.weight()));
            } catch (IllegalArgumentException e) {
                throw JobException.badInput(ctx.redact(e.getMessage()), e);
            }
        }
        ctx.progress(1, "download");
        ctx.storage().downloadAll(keys, locals);
        Path outDir = ctx.workDir().resolve("out");
        MasterReport report;
        List<Deliverable> deliverables = new ArrayList<>();
        try {
            Files.createDirectories(outDir);
            for (DeliverableSpec d : job.deliverables()) {
                Deliverable deliverable = EngineMapping.deliverable(outDir, d);
                ctx.shownAs(deliverable.path(), d.name());
                deliverables.add(deliverable);
            }
            MasterSettings settings = new MasterSettings(job.profile() == null ? ToneProfile.NEUTRAL : ToneProfile.named(job.profile()),
                    refs, job.amount() == null ? 50 : job.amount(), true, null);
            report = new MasterEngine((stage, fraction) -> ctx.progress(5 + 85 * fraction, stage))
                    .master(new MasterJob(in, settings, deliverables, ctx.workDir().resolve("engine"), ctx.workDir().resolve("plots")));
        } catch (AudioFileException | IllegalArgumentException e) {
            // name the object the user uploaded, not the worker's temporary copy
            throw JobException.badInput(ctx.redact(e.getMessage()), e);
        } catch (IOException e) {
            throw new JobException(JobException.INTERNAL, "local disk: " + ctx.redact(e.getMessage()), true, e);
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        ctx.progress(92, "upload");
        WorkContext.Results results = ctx.results();
        deliverables.forEach(d -> results.file(d.path()));
        List<Long> sizes = results.json(DeliveryRules.REPORT_NAME, report)
                .plots(ctx.workDir().resolve("plots"), DeliveryRules.PLOT_PREFIX).upload();
        List<JobEvent.OutputFile> outputs = new ArrayList<>();
        for (int i = 0; i < deliverables.size(); i++) {
            String name = deliverables.get(i).path().getFileName().toString();
            MasterReport.DeliveredFile measured = report.deliverables().get(i);
            outputs.add(new JobEvent.OutputFile(name, ctx.outputKey(name), sizes.get(i),
                    measured.after().integratedLufs(), measured.after().truePeakDbtp()));
        }
        String reportKey = ctx.outputKey(DeliveryRules.REPORT_NAME);
        return new Result(outputs, reportKey);
    }
}
