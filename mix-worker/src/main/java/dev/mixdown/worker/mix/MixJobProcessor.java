package dev.mixdown.worker.mix;

import dev.mixdown.dsp.io.AudioFileException;
import dev.mixdown.dsp.io.OutputFormat;
import dev.mixdown.dsp.master.Deliverable;
import dev.mixdown.dsp.master.MasterReport;
import dev.mixdown.dsp.master.MasterSettings;
import dev.mixdown.dsp.master.ToneProfile;
import dev.mixdown.dsp.mix.MixEngine;
import dev.mixdown.dsp.mix.MixJob;
import dev.mixdown.dsp.mix.MixReport;
import dev.mixdown.dsp.mix.Presence;
import dev.mixdown.dsp.mix.ReverbAmount;
import dev.mixdown.dsp.mix.StemRole;
import dev.mixdown.dsp.mix.StemSpec;
import dev.mixdown.jobs.contracts.DeliverableSpec;
import dev.mixdown.jobs.worker.EngineMapping;
import dev.mixdown.jobs.contracts.JobEvent;
import dev.mixdown.jobs.contracts.JobMessage;
import dev.mixdown.jobs.contracts.StemInput;
import dev.mixdown.jobs.storage.ObjectStorage;
import dev.mixdown.jobs.worker.JobException;
import dev.mixdown.jobs.worker.JobProcessor;
import dev.mixdown.jobs.worker.WorkContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A mix job: fetch the stems, run the mix engine (and the master engine when the job has
 * deliverables), put the mix, the masters and the report back under the job's attempt.
 */
public final class MixJobProcessor implements JobProcessor {
    /** The stereo mix every mix job delivers, next to any masters. */
    public static final String MIX_NAME = "mix.wav";
    private static final String REPORT_NAME = "report.json";

    @Override
    public Result process(JobMessage job, WorkContext ctx) throws JobException, InterruptedException {
        if (job.stems().isEmpty()) {
            throw JobException.badInput("a mix job needs at least one stem", null);
        }
        Path stemDir = ctx.workDir().resolve("stems");
        Path outDir = ctx.workDir().resolve("out");
        List<StemSpec> specs = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<Path> locals = new ArrayList<>();
        try {
            Files.createDirectories(stemDir);
            Files.createDirectories(outDir);
            for (int i = 0; i < job.stems().size(); i++) {
                StemInput s = job.stems().get(i);
                ctx.checkOwnKey(s.key());
                String name = s.key().substring(s.key().lastIndexOf('/') + 1); // keep the name: roles are inferred from it
                Path local = stemDir.resolve(String.format("%03d-%s", i, name));
                keys.add(s.key());
                locals.add(local);
                specs.add(new StemSpec(local, s.role() == null ? null : StemRole.named(s.role()),
                        s.presence() == null ? null : Presence.named(s.presence()), s.pan(),
                        s.reverb() == null ? null : ReverbAmount.named(s.reverb()), s.gainDb(), Boolean.TRUE.equals(s.mute())));
            }
        } catch (IOException e) {
            throw new JobException(JobException.INTERNAL, "local disk: " + e.getMessage(), true, e);
        } catch (IllegalArgumentException e) {
            throw JobException.badInput(e.getMessage(), e);
        }
        ctx.progress(1, "download " + keys.size() + " stems");
        // the engine analyses the first stems while the last ones still download
        ObjectStorage.Transfers<Void> downloads = ctx.storage().startDownloads(keys, locals);
        List<Deliverable> masters = new ArrayList<>();
        MixReport report;
        Path mix = outDir.resolve(MIX_NAME);
        try {
            for (DeliverableSpec d : job.deliverables()) {
                masters.add(EngineMapping.deliverable(outDir, d));
            }
            MasterSettings settings = new MasterSettings(job.profile() == null ? ToneProfile.NEUTRAL : ToneProfile.named(job.profile()),
                    List.of(), job.amount() == null ? 50 : job.amount(), true, null);
            MixJob mixJob = new MixJob(specs, mix, OutputFormat.Container.WAV, OutputFormat.BitDepth.PCM_24, 0, null,
                    ctx.workDir().resolve("engine"), ctx.workDir().resolve("plots"), masters.isEmpty());
            report = new MixEngine((stage, fraction) -> ctx.progress(10 + 80 * fraction, stage)).mix(mixJob, settings, masters,
                    downloads::await);
        } catch (AudioFileException | IllegalArgumentException e) {
            throw JobException.badInput(uploadedNames(e.getMessage(), specs, keys), e);
        } catch (IOException e) {
            throw new JobException(JobException.INTERNAL, "local disk: " + e.getMessage(), true, e);
        } finally {
            downloads.close();
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        ctx.progress(92, "upload");
        // the mix alone, or its masters; the report and the plots beside them, all in one go
        List<Path> delivered = masters.isEmpty() ? List.of(mix) : masters.stream().map(Deliverable::path).toList();
        WorkContext.Results results = ctx.results();
        delivered.forEach(results::file);
        List<Long> sizes = results.json(REPORT_NAME, report).plots(ctx.workDir().resolve("plots"), "plot-")
                .plots(ctx.workDir().resolve("plots").resolve("master"), "plot-master-").upload();
        List<JobEvent.OutputFile> outputs = new ArrayList<>();
        for (int i = 0; i < delivered.size(); i++) {
            String name = delivered.get(i).getFileName().toString();
            double lufs = masters.isEmpty() ? report.mix().integratedLufs() : report.master().deliverables().get(i).after().integratedLufs();
            double dbtp = masters.isEmpty() ? report.mix().truePeakDbtp() : report.master().deliverables().get(i).after().truePeakDbtp();
            outputs.add(new JobEvent.OutputFile(name, ctx.outputKey(name), sizes.get(i), lufs, dbtp));
        }
        String reportKey = ctx.outputKey(REPORT_NAME);
        return new Result(outputs, reportKey);
    }

    /** Replaces the worker's local copies in a message with the keys the user uploaded. */
    private static String uploadedNames(String message, List<StemSpec> specs, List<String> keys) {
        String m = message;
        for (int i = 0; i < keys.size(); i++) {
            m = m.replace(specs.get(i).path().toString(), keys.get(i));
        }
        return m;
    }
}
