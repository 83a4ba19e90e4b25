package dev.mixdown.worker.packaging;

import dev.mixdown.dsp.packaging.PackageEngine;
import dev.mixdown.dsp.packaging.PackageFile;
import dev.mixdown.dsp.packaging.PackagePlan;
import dev.mixdown.dsp.packaging.PackageSpec;
import dev.mixdown.jobs.contracts.JobEvent;
import dev.mixdown.jobs.contracts.JobMessage;
import dev.mixdown.jobs.contracts.Json;
import dev.mixdown.jobs.worker.JobException;
import dev.mixdown.jobs.worker.JobProcessor;
import dev.mixdown.jobs.worker.WorkContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The ASSEMBLE part, run once every VERSION part has succeeded: gathers their files into the
 * package folder, writes the manifest (JSON and CSV) and the ZIPs, and delivers those.
 */
final class AssembleStep {
    static final String MANIFEST_JSON = "manifest.json";
    static final String MANIFEST_CSV = "manifest.csv";

    private AssembleStep() {
    }

    static JobProcessor.Result run(JobMessage job, WorkContext ctx) throws JobException, InterruptedException {
        PackageSpec spec = PartEngine.spec(job);
        ctx.progress(1, "download " + job.part().parts().size() + " parts");
        PackagePlan plan = PartEngine.plan(job, ctx, ctx.workDir());
        Path out = ctx.workDir().resolve("out");
        List<PackageFile> files = new ArrayList<>();
        List<String> warnings = new ArrayList<>(plan.warnings());
        List<String> keys = new ArrayList<>();
        List<Path> locals = new ArrayList<>();
        try {
            for (int i = 0; i < job.part().parts().size(); i++) {
                String reportKey = job.part().parts().get(i);
                ctx.checkOwnKey(reportKey);
                Path reportFile = ctx.workDir().resolve("part-" + i + ".json");
                ctx.storage().download(reportKey, reportFile);
                PartReport part = PartEngine.read(ctx, reportFile, PartReport.class);
                for (int f = 0; f < part.files().size(); f++) {
                    Path local = out.resolve(part.files().get(f).path());
                    Files.createDirectories(local.getParent());
                    ctx.checkOwnKey(part.keys().get(f));
                    keys.add(part.keys().get(f));
                    locals.add(local);
                }
                files.addAll(part.files());
                warnings.addAll(part.warnings());
            }
        } catch (IOException e) {
            throw new JobException(JobException.IO, "local disk: " + ctx.redact(e.getMessage()), true, e);
        }
        ctx.storage().downloadAll(keys, locals);
        ctx.progress(50, "manifest and zip");
        PackageEngine.PackageResult result = PartEngine.run(ctx, () -> PackageEngine.assemble(plan, spec, files, warnings, out,
                (file, r) -> Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), r)));
        ctx.progress(90, "upload");
        List<String> delivered = new ArrayList<>(result.zips());
        delivered.add(MANIFEST_JSON);
        delivered.add(MANIFEST_CSV);
        WorkContext.Results results = ctx.results();
        delivered.forEach(name -> results.file(out.resolve(name), name));
        List<Long> sizes = results.upload();
        List<JobEvent.OutputFile> outputs = new ArrayList<>();
        for (int i = 0; i < delivered.size(); i++) {
            outputs.add(new JobEvent.OutputFile(delivered.get(i), ctx.outputPathKey(delivered.get(i)), sizes.get(i), null, null));
        }
        return new JobProcessor.Result(outputs, ctx.outputPathKey(MANIFEST_JSON));
    }
}
