package dev.mixdown.worker.packaging;

import dev.mixdown.dsp.packaging.PackagePlan;
import dev.mixdown.dsp.packaging.PackagePlanner;
import dev.mixdown.dsp.packaging.PackageSpec;
import dev.mixdown.dsp.packaging.TrackMetadata;
import dev.mixdown.jobs.contracts.JobEvent;
import dev.mixdown.jobs.contracts.JobMessage;
import dev.mixdown.jobs.worker.JobException;
import dev.mixdown.jobs.worker.JobProcessor;
import dev.mixdown.jobs.worker.WorkContext;
import java.util.List;

/**
 * The PLAN part, run once per package: checks the spec against the track, mixes the main,
 * analyses tempo, key and bars, plans every length's edit and the master chain, and leaves
 * {@code plan.json} for the VERSION and ASSEMBLE parts.
 */
final class PlanStep {
    static final String PLAN_NAME = "plan.json";

    private PlanStep() {
    }

    static JobProcessor.Result run(JobMessage job, WorkContext ctx) throws JobException, InterruptedException {
        PackageSpec spec = PartEngine.spec(job);
        TrackMetadata metadata = PartEngine.metadata(job);
        if (spec.preview() != null && job.part().tag() == null) {
            throw JobException.badInput("the package makes store previews but names no voice tag", null);
        }
        ctx.progress(1, "download " + (job.stems().isEmpty() ? "the mix" : job.stems().size() + " stems"));
        PartInputs in = PartInputs.fetch(job, ctx, ctx.workDir().resolve("in"), false);
        ctx.progress(10, "plan");
        PackagePlan plan = PartEngine.run(ctx, () -> PackagePlanner.plan(in.stems(), in.mix(), spec, metadata,
                ctx.workDir().resolve("plan")));
        ctx.progress(95, "upload");
        long bytes = ctx.results().json(PLAN_NAME, plan).upload().get(0);
        String key = ctx.outputKey(PLAN_NAME);
        return new JobProcessor.Result(List.of(new JobEvent.OutputFile(PLAN_NAME, key, bytes, null, null)), key);
    }
}
