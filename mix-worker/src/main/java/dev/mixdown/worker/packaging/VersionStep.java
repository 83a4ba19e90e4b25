package dev.mixdown.worker.packaging;

import dev.mixdown.dsp.packaging.PackageFile;
import dev.mixdown.dsp.packaging.PackagePlan;
import dev.mixdown.dsp.packaging.PackageSpec;
import dev.mixdown.dsp.packaging.VersionRenderer;
import dev.mixdown.jobs.contracts.JobEvent;
import dev.mixdown.jobs.contracts.JobMessage;
import dev.mixdown.jobs.worker.JobException;
import dev.mixdown.jobs.worker.JobProcessor;
import dev.mixdown.jobs.worker.WorkContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A VERSION part: renders one version through the package's plan (every length, format, stem,
 * premaster and preview of it), uploads its files under their package paths, and leaves a
 * {@link PartReport} for the ASSEMBLE part.
 */
final class VersionStep {
    private VersionStep() {
    }

    static JobProcessor.Result run(JobMessage job, WorkContext ctx) throws JobException, InterruptedException {
        PackageSpec spec = PartEngine.spec(job);
        String version = job.part().version();
        boolean previews = spec.preview() != null && spec.preview().versions().contains(version);
        ctx.progress(1, "download");
        PackagePlan plan = PartEngine.plan(job, ctx, ctx.workDir());
        PartInputs in = PartInputs.fetch(job, ctx, ctx.workDir().resolve("in"), previews);
        ctx.progress(10, "render " + version);
        Path out = ctx.workDir().resolve("out");
        VersionRenderer.VersionResult result = PartEngine.run(ctx, () -> new VersionRenderer(plan, spec, out,
                ctx.workDir().resolve("render")).render(version, in.stems(), in.mix(), in.tag()));
        ctx.progress(90, "upload " + result.files().size() + " files");
        WorkContext.Results results = ctx.results();
        List<String> keys = new ArrayList<>();
        for (PackageFile f : result.files()) {
            results.file(out.resolve(f.path()), f.path());
            keys.add(ctx.outputPathKey(f.path()));
        }
        List<Long> sizes = results.json(PartReport.NAME, new PartReport(version, result.files(), keys, result.warnings())).upload();
        List<JobEvent.OutputFile> outputs = new ArrayList<>();
        for (int i = 0; i < result.files().size(); i++) {
            PackageFile f = result.files().get(i);
            outputs.add(new JobEvent.OutputFile(f.path(), keys.get(i), sizes.get(i), f.integratedLufs(), f.truePeakDbtp()));
        }
        return new JobProcessor.Result(outputs, ctx.outputKey(PartReport.NAME));
    }
}
