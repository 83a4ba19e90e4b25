package dev.mixdown.dsp.packaging;

import dev.mixdown.dsp.io.OutputFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Store previews of one version, from its full-length master: an MP3 with the voice tag laid on
 * downbeats ({@link TagOverlay}), and an untagged MP3 alongside.
 */
final class PreviewWriter {
    private final PreviewSpec spec;
    private final PackagePlan plan;
    private final PackageFiles files;
    private final double ceilingDbtp;

    PreviewWriter(PreviewSpec spec, PackagePlan plan, PackageFiles files, double ceilingDbtp) {
        this.spec = spec;
        this.plan = plan;
        this.files = files;
        this.ceilingDbtp = ceilingDbtp;
    }

    List<PackageFile> write(String version, Path fullMaster, Path tag) throws IOException {
        if (tag == null || !Files.isRegularFile(tag)) {
            throw new IllegalArgumentException("previews need a voice tag file; " + (tag == null ? "none was given" : tag + " does not exist"));
        }
        AudioArrays.Audio music = AudioArrays.read(fullMaster);
        int rate = music.sampleRate();
        if (rate != 32_000 && rate != 44_100 && rate != 48_000) {
            throw new IllegalArgumentException("previews are MP3: the master's rate must be 32, 44.1 or 48 kHz, not " + rate + " Hz");
        }
        AudioArrays.Audio voice = AudioArrays.read(tag, rate);
        if (voice.frames() > 10 * rate) {
            throw new IllegalArgumentException(tag.getFileName() + ": a voice tag lasts at most 10 s, this one "
                    + voice.frames() / rate + " s");
        }
        long[] downbeats = new long[plan.downbeatFrames().length];
        for (int i = 0; i < downbeats.length; i++) {
            downbeats[i] = Math.round(plan.downbeatFrames()[i] * (double) rate / plan.mixRate());
        }
        List<Long> at = TagOverlay.positions(downbeats, rate, music.frames(), voice.frames(), spec.everyBars());
        TagOverlay.Result tagged = TagOverlay.render(music.samples(), rate, voice.samples(), at, spec.relativeLu(), spec.duckDb(),
                ceilingDbtp);
        OutputFormat mp3 = new OutputFormat(OutputFormat.Container.MP3, rate, music.samples().length, OutputFormat.BitDepth.PCM_16);
        List<PackageFile> out = new ArrayList<>();
        Path taggedFile = files.path("preview-tagged", version, "full", "mp3", null);
        AudioArrays.write(taggedFile, tagged.samples(), mp3, spec.mp3Kbps(), 1.0);
        out.add(files.describe(taggedFile, "preview-tagged", version, "full", null, null));
        if (spec.untagged()) {
            Path plain = files.path("preview", version, "full", "mp3", null);
            AudioArrays.write(plain, music.samples(), mp3, spec.mp3Kbps(), 1.0);
            out.add(files.describe(plain, "preview", version, "full", null, null));
        }
        return out;
    }
}
