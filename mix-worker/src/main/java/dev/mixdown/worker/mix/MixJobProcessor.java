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
import dev.mixdown.dsp.mix.StemSpec;
import dev.mixdown.jobs.contracts.DeliverableSpec;
import dev.mixdown.jobs.contracts.DeliveryRules;
import dev.mixdown.jobs.contracts.ReferenceTrack;
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
 * A mix job: fetch the stems (and any reference tracks), run the mix engine (and the master
 * engine, steered by the references, when the job has deliverables), put the masters, the mix
 * (always, so that the masters can be compared with it) and the report back under the job's attempt.
 */
public final class MixJobProcessor implements JobProcessor {
    /** The stereo mix every mix job delivers, beside its masters when it has deliverables. */
    public static final String MIX_NAME = DeliveryRules.MIX_NAME;

    @Override
    public Result process(JobMessage job, WorkContext ctx) throws JobException, InterruptedException {
        if (job.stems().isEmpty()) {
            throw JobException.badInput("a mix job needs at least one stem", null);
        }
        if (!job.references().isEmpty() && job.deliverables().isEmpty()) {
            // the gateway refuses this; a job from elsewhere must not lose its references silently
            throw JobException.badInput("references steer mastering: a mix job uses them only when it has deliverables", null);
        }
        Path stemDir = ctx.workDir().resolve("stems");
        Path outDir = ctx.workDir().resolve("out");
        List<StemSpec> specs = new ArrayList<>();
        List<MasterSettings.Reference> refs = new ArrayList<>();
        // references first: they are awaited with the first stem, and are all there before mastering
        List<String> keys = new ArrayList<>();
        List<Path> locals = new ArrayList<>();
        try {
            Files.createDirectories(stemDir);
            Files.createDirectories(outDir);
            for (int i = 0; i < job.references().size(); i++) {
                ReferenceTrack r = job.references().get(i);
                ctx.checkOwnKey(r.key());
                Path local = ctx.shownAs(ctx.workDir().resolve("reference-" + i), r.key());
                keys.add(r.key());
                locals.add(local);
                refs.add(new MasterSettings.Reference(local, r.weight()));
            }
            for (int i = 0; i < job.stems().size(); i++) {
                StemInput s = job.stems().get(i);
                ctx.checkOwnKey(s.key());
                String name = s.key().substring(s.key().lastIndexOf('/') + 1); // keep the name: roles are inferred from it
                Path local = ctx.shownAs(stemDir.resolve(String.format("%03d-%s", i, name)), s.key());
                keys.add(s.key());
                locals.add(local);
                specs.add(EngineMapping.stem(local, s));
            }
        } catch (IOException e) {
            throw new JobException(JobException.INTERNAL, "local disk: " + ctx.redact(e.getMessage()), true, e);
        } catch (IllegalArgumentException e) {
            throw JobException.badInput(ctx.redact(e.getMessage()), e);
        }
        ctx.progress(1, "download " + specs.size() + " stems" + (refs.isEmpty() ? "" : " and " + refs.size() + " references"));
        // the engine analyses the first stems while the last ones still download
        ObjectStorage.Transfers<Void> downloads = ctx.storage().startDownloads(keys, locals);
        int firstStem = refs.size();
        List<Deliverable> masters = new ArrayList<>();
        MixReport report;
        Path mix = ctx.shownAs(outDir.resolve(MIX_NAME), MIX_NAME);
        try {
            for (DeliverableSpec d : job.deliverables()) {
                Deliverable master = EngineMapping.deliverable(outDir, d);
                ctx.shownAs(master.path(), d.name());
                masters.add(master);
            }
            MasterSettings settings = new MasterSettings(job.profile() == null ? ToneProfile.NEUTRAL : ToneProfile.named(job.profile()),
                    refs, job.amount() == null ? 50 : job.amount(), true, null);
            MixJob mixJob = new MixJob(specs, mix, OutputFormat.Container.WAV, OutputFormat.BitDepth.PCM_24, 0, null,
                    ctx.workDir().resolve("engine"), ctx.workDir().resolve("plots"), masters.isEmpty(), true);
            report = new MixEngine((stage, fraction) -> ctx.progress(10 + 80 * fraction, stage)).mix(mixJob, settings, masters, i -> {
                for (int r = 0; r < firstStem; r++) {
                    downloads.await(r);
                }
                downloads.await(firstStem + i);
            });
        } catch (AudioFileException | IllegalArgumentException e) {
            throw JobException.badInput(ctx.redact(e.getMessage()), e);
        } catch (IOException e) {
            throw new JobException(JobException.INTERNAL, "local disk: " + ctx.redact(e.getMessage()), true, e);
        } finally {
            downloads.close();
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        ctx.progress(92, "upload");
        // the masters (if any), then the mix, kept so that it can be compared with them; the report and the plots beside them, all in one go
        List<Path> delivered = new ArrayList<>(masters.stream().map(Deliverable::path).toList());
        delivered.add(mix);
        WorkContext.Results results = ctx.results();
        delivered.forEach(results::file);
        List<Long> sizes = results.json(DeliveryRules.REPORT_NAME, report).plots(ctx.workDir().resolve("plots"), DeliveryRules.PLOT_PREFIX)
                .plots(ctx.workDir().resolve("plots").resolve("master"), DeliveryRules.PLOT_PREFIX + "master-").upload();
        List<JobEvent.OutputFile> outputs = new ArrayList<>();
        for (int i = 0; i < delivered.size(); i++) {
            String name = delivered.get(i).getFileName().toString();
            boolean isMix = i == masters.size();
            double lufs = isMix ? report.mix().integratedLufs() : report.master().deliverables().get(i).after().integratedLufs();
            double dbtp = isMix ? report.mix().truePeakDbtp() : report.master().deliverables().get(i).after().truePeakDbtp();
            outputs.add(new JobEvent.OutputFile(name, ctx.outputKey(name), sizes.get(i), lufs, dbtp));
        }
        String reportKey = ctx.outputKey(DeliveryRules.REPORT_NAME);
        return new Result(outputs, reportKey);
    }
}
