package dev.mixdown.dsp.packaging;

import dev.mixdown.dsp.analysis.music.MusicAnalysis;
import dev.mixdown.dsp.analysis.music.MusicAnalyzer;
import dev.mixdown.dsp.edit.EditAnalysis;
import dev.mixdown.dsp.edit.EditPlan;
import dev.mixdown.dsp.io.OutputFormat;
import dev.mixdown.dsp.master.Deliverable;
import dev.mixdown.dsp.master.DeliveryFormat;
import dev.mixdown.dsp.master.DeliveryTarget;
import dev.mixdown.dsp.master.MasterEngine;
import dev.mixdown.dsp.master.MasterJob;
import dev.mixdown.dsp.master.MasterReport;
import dev.mixdown.dsp.master.MasterSettings;
import dev.mixdown.dsp.mix.MixEngine;
import dev.mixdown.dsp.mix.MixJob;
import dev.mixdown.dsp.mix.MixReport;
import dev.mixdown.dsp.mix.StemSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shared step of a package, run once: mix the main from the stems (the mix engine's own
 * plan and gain staging), check every version and length against it, analyse tempo, key and
 * bars, plan every length's edit on the main, and master the main to find the chain and gain
 * every version will go through.
 */
public final class PackagePlanner {
    private PackagePlanner() {
    }

    /**
     * Plans a package of {@code stems} (or, when {@code stems} is empty, of the stereo {@code mix}).
     *
     * @throws IllegalArgumentException naming the first version or length that cannot be made
     */
    public static PackagePlan plan(List<StemSpec> stems, Path mix, PackageSpec spec, TrackMetadata metadata, Path workDir)
            throws IOException {
        Files.createDirectories(workDir);
        List<String> warnings = new ArrayList<>();
        List<PackagePlan.PlannedStem> planned = new ArrayList<>();
        Path mainMix;
        if (stems.isEmpty()) {
            if (mix == null) {
                throw new IllegalArgumentException("a package needs stems or a stereo mix");
            }
            for (VersionSpec v : spec.versions()) {
                if (!v.keepsEveryStem()) {
                    throw new IllegalArgumentException("version '" + v.name() + "' needs stems; " + mix.getFileName()
                            + " is a stereo mix, from which only the main can be made");
                }
            }
            if (!spec.stemsFor().isEmpty() || spec.trackoutZip()) {
                throw new IllegalArgumentException(mix.getFileName() + " is a stereo mix: the package cannot deliver stems");
            }
            mainMix = mix;
        } else {
            mainMix = workDir.resolve("plan-main-mix.wav");
            MixReport report = new MixEngine().mix(new MixJob(stems, mainMix, OutputFormat.Container.WAV,
                    OutputFormat.BitDepth.FLOAT_32, 0, null, workDir.resolve("plan-mix"), null, false), null, List.of());
            for (MixReport.Stem s : report.stems()) {
                planned.add(new PackagePlan.PlannedStem(s.file(), s.role(), s.lead(), s.gainDb()));
            }
            warnings.addAll(report.warnings());
        }
        AudioArrays.Audio main = AudioArrays.read(mainMix);
        int rate = main.sampleRate();

        // every version must leave something to play
        List<StemSelector.Stem> selectorStems = PackagePlan.selectorStems(planned);
        for (VersionSpec v : spec.versions()) {
            if (!v.keepsEveryStem() && StemSelector.silenced(v, selectorStems).isEmpty()) {
                warnings.add("version '" + v.name() + "' leaves out no stem: it equals the main");
            }
        }

        // tempo, key, bars; one edit per length, planned on the main
        MusicAnalysis music = MusicAnalyzer.analyze(main.samples(), rate);
        EditAnalysis editAnalysis = EditAnalysis.of(main.samples(), rate, music.grid());
        Map<String, EditPlan> edits = new LinkedHashMap<>();
        for (LengthSpec length : spec.lengthSpecs()) {
            EditPlan edit = length.plan(editAnalysis);
            if (edit != null) {
                edits.put(length.id(), edit);
            }
        }

        // the main's master: its chain and its gain are every version's
        DeliveryTarget target = DeliveryTarget.custom(spec.targetLufs(), spec.ceilingDbtp());
        Path mastered = workDir.resolve("plan-main-master.wav");
        MasterReport master = new MasterEngine().master(new MasterJob(mainMix, MasterSettings.defaults(),
                List.of(new Deliverable(mastered, DeliveryFormat.WAV, 0, OutputFormat.BitDepth.FLOAT_32, 0, target)),
                workDir.resolve("plan-master"), null));
        warnings.addAll(master.warnings());
        Files.deleteIfExists(mastered);
        if (!stems.isEmpty()) {
            Files.deleteIfExists(mainMix);
        }

        double peak = AudioArrays.samplePeak(main.samples());
        double bpm = music.grid().bpm();
        TrackMetadata filled = metadata.withAnalysed(bpm, music.key());
        return new PackagePlan(rate, planned, peak > 0 ? 20 * Math.log10(peak) : -120, master.plan(),
                master.deliverables().get(0).gainDb(), edits, editAnalysis.downbeatFrames(), bpm, music.key(),
                main.frames() / (double) rate, filled, warnings);
    }
}
