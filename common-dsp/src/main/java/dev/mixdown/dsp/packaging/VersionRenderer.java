package dev.mixdown.dsp.packaging;

import dev.mixdown.dsp.edit.EditPlan;
import dev.mixdown.dsp.edit.EditRenderer;
import dev.mixdown.dsp.io.OutputFormat;
import dev.mixdown.dsp.master.Deliverable;
import dev.mixdown.dsp.master.DeliveryTarget;
import dev.mixdown.dsp.master.MasterEngine;
import dev.mixdown.dsp.master.MasterJob;
import dev.mixdown.dsp.master.MasterReport;
import dev.mixdown.dsp.master.MasterSettings;
import dev.mixdown.dsp.mix.MixEngine;
import dev.mixdown.dsp.mix.MixJob;
import dev.mixdown.dsp.mix.StemArrival;
import dev.mixdown.dsp.mix.StemSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One part of a package: one version, in every length and format, with its stems, premasters and
 * previews. The version is mixed from the stems through the main's plan with the main's gains
 * (the left-out stems silent), each length is cut with the edit planned on the main, and each cut
 * goes through the main's master chain, at the main's gain ("sonically identical") or at the gain
 * that puts it on the target.
 */
public final class VersionRenderer {
    private final PackagePlan plan;
    private final PackageSpec spec;
    private final Path outDir;
    private final Path workDir;
    private final PackageFiles files;

    public VersionRenderer(PackagePlan plan, PackageSpec spec, Path outDir, Path workDir) {
        this.plan = plan;
        this.spec = spec;
        this.outDir = outDir;
        this.workDir = workDir;
        this.files = new PackageFiles(spec, plan.metadata(), outDir);
    }

    /**
     * Renders {@code versionName} from {@code stems} (as given to the planner) or, with no stems, from
     * the stereo {@code mix}; {@code tag} is the voice tag for previews (or null).
     */
    public VersionResult render(String versionName, List<StemSpec> stems, Path mix, Path tag) throws IOException {
        VersionSpec version = spec.version(versionName);
        Path work = workDir.resolve("version-" + version.name());
        Files.createDirectories(work);
        List<String> warnings = new ArrayList<>();
        boolean withStems = !stems.isEmpty() && spec.stemsFor(version.name());

        // the version's mix: the main's plan and gains, the left-out stems silent
        Path versionMix = mix;
        Path stemsDir = work.resolve("stems");
        Set<Integer> silenced = Set.of();
        if (!stems.isEmpty()) {
            silenced = StemSelector.silenced(version, plan.selectorStems());
            versionMix = work.resolve("mix.wav");
            new MixEngine().mix(new MixJob(fixedGains(stems), versionMix, OutputFormat.Container.WAV, OutputFormat.BitDepth.FLOAT_32,
                    plan.mixRate(), withStems ? stemsDir : null, work.resolve("mix"), null, false), null, List.of(), StemArrival.READY,
                    silenced);
        }
        AudioArrays.Audio full = AudioArrays.read(versionMix);
        Map<String, float[][]> stemAudio = withStems ? keptStems(stemsDir, stems, silenced) : Map.of();

        List<PackageFile> written = new ArrayList<>();
        Path fullMaster = null;
        for (LengthSpec length : spec.lengthSpecs()) {
            EditPlan edit = plan.edits().get(length.id());
            float[][] cut = edit == null ? full.samples() : EditRenderer.render(edit, full.samples());
            Path cutFile = work.resolve("cut-" + length.id() + ".wav");
            AudioArrays.write(cutFile, cut, full.sampleRate(), OutputFormat.BitDepth.FLOAT_32, 1.0);
            List<PackageFile> masters = master(version.name(), length, cutFile, cut, full.sampleRate(), work, warnings);
            written.addAll(masters);
            if (length.isFull()) {
                fullMaster = outDir.resolve(masters.get(0).path());
            }
            if (spec.premasterHeadroomDbfs() != null) {
                double gain = Math.pow(10, (spec.premasterHeadroomDbfs() - plan.mainPeakDbfs()) / 20);
                Path file = files.path("premaster", version.name(), length.id(), "wav", null);
                AudioArrays.write(file, cut, full.sampleRate(), OutputFormat.BitDepth.PCM_24, gain);
                written.add(files.describe(file, "premaster", version.name(), length.id(), null, null));
            }
            for (Map.Entry<String, float[][]> stem : stemAudio.entrySet()) {
                float[][] stemCut = edit == null ? stem.getValue() : EditRenderer.render(edit, stem.getValue());
                Path file = files.path("stem", version.name(), length.id(), "wav", stem.getKey());
                AudioArrays.write(file, stemCut, full.sampleRate(), OutputFormat.BitDepth.FLOAT_32, 1.0);
                written.add(files.describe(file, "stem", version.name(), length.id(), stem.getKey(), null));
            }
            Files.deleteIfExists(cutFile);
        }
        if (spec.preview() != null && spec.preview().versions().contains(version.name())) {
            if (fullMaster == null) {
                throw new IllegalArgumentException("previews are made from the full length: add 'full' to the lengths");
            }
            written.addAll(new PreviewWriter(spec.preview(), plan, files, spec.ceilingDbtp()).write(version.name(), fullMaster, tag));
        }
        deleteTree(work);
        return new VersionResult(version.name(), written, warnings);
    }

    /** What one part delivered. */
    public record VersionResult(String version, List<PackageFile> files, List<String> warnings) {
    }

    private List<StemSpec> fixedGains(List<StemSpec> stems) {
        if (stems.size() != plan.stems().size()) {
            throw new IllegalArgumentException("the package was planned with " + plan.stems().size() + " stems, not " + stems.size());
        }
        List<StemSpec> fixed = new ArrayList<>();
        for (int i = 0; i < stems.size(); i++) {
            StemSpec s = stems.get(i);
            fixed.add(new StemSpec(s.path(), s.role(), s.presence(), s.pan(), s.reverb(), plan.stems().get(i).gainDb(), s.mute()));
        }
        return fixed;
    }

    /** The version's stems as the mix pass wrote them (post-fader, pre-bus), without the silent ones, plus the returns. */
    private Map<String, float[][]> keptStems(Path dir, List<StemSpec> stems, Set<Integer> silenced) throws IOException {
        Map<String, float[][]> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < stems.size(); i++) {
            if (silenced.contains(i)) {
                continue;
            }
            String base = PackagePlan.baseName(stems.get(i).path().toString());
            out.put(base, AudioArrays.read(dir.resolve(String.format("%02d_%s.wav", i + 1, base))).samples());
        }
        out.put("reverb-return", AudioArrays.read(dir.resolve("reverb-return.wav")).samples());
        out.put("delay-return", AudioArrays.read(dir.resolve("delay-return.wav")).samples());
        return out;
    }

    /** Masters one cut to every format through the main's chain. */
    private List<PackageFile> master(String version, LengthSpec length, Path cutFile, float[][] cut, int rate, Path work,
            List<String> warnings) throws IOException {
        DeliveryTarget target = DeliveryTarget.custom(spec.targetLufs(), spec.ceilingDbtp());
        List<Deliverable> deliverables = new ArrayList<>();
        List<Path> paths = new ArrayList<>();
        for (FormatSpec f : spec.formats()) {
            Path file = files.path("master", version, length.id(), f.ext(), null);
            Files.createDirectories(file.getParent());
            paths.add(file);
            deliverables.add(new Deliverable(file, f.deliveryFormat(), f.sampleRate(), f.depth(), f.mp3Kbps(), target));
        }
        boolean silent = AudioArrays.measure(cut, rate).integratedLufs() == null;
        if (silent && !spec.identical()) {
            warnings.add(version + " " + length.id() + ": nothing above the loudness gate; kept the main's gain");
        }
        Double fixedGain = spec.identical() || silent ? plan.masterGainDb() : null;
        MasterReport report = new MasterEngine().master(new MasterJob(cutFile, MasterSettings.defaults(), deliverables,
                work.resolve("master"), null), plan.masterPlan(), fixedGain);
        List<PackageFile> out = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            MasterReport.DeliveredFile d = report.deliverables().get(i);
            boolean onTarget = fixedGain != null ? d.truePeakMarginDb() != null && d.truePeakMarginDb() >= 0 : d.onTarget();
            out.add(files.describe(paths.get(i), "master", version, length.id(), null, onTarget));
        }
        return out;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
