package dev.mixdown.dsp.packaging;

import dev.mixdown.dsp.generate.DemoSong;
import dev.mixdown.dsp.io.OutputFormat;
import dev.mixdown.dsp.mix.StemSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A generated multitrack with a known vocal: the demo song's drums, bass and chords, and its
 * lead line as a "vocal" that sings only until {@link #vocalEndSeconds} and is silent after.
 */
final class PackageTestSong {
    static final List<String> NAMES = List.of("drums", "bass", "chords", "vocal");

    final int sampleRate;
    final double seconds;
    final double vocalEndSeconds;

    PackageTestSong(int sampleRate, double seconds, double vocalEndSeconds) {
        this.sampleRate = sampleRate;
        this.seconds = seconds;
        this.vocalEndSeconds = vocalEndSeconds;
    }

    /** Writes the four stems into {@code dir} and returns them as mix-engine stems (roles from their names). */
    List<StemSpec> write(Path dir) throws IOException {
        DemoSong song = new DemoSong(sampleRate, seconds);
        int frames = (int) song.frames();
        List<StemSpec> stems = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            float[][] audio = new float[2][frames];
            song.renderStem(s, 0, audio, frames);
            if (s == 3) {
                long end = Math.round(vocalEndSeconds * sampleRate);
                int fade = sampleRate / 100;
                for (int i = (int) end - fade; i < frames; i++) {
                    float g = i >= end ? 0f : (float) ((end - i) / (double) fade);
                    audio[0][i] *= g;
                    audio[1][i] *= g;
                }
            }
            Path file = dir.resolve(NAMES.get(s) + ".wav");
            AudioArrays.write(file, audio, sampleRate, OutputFormat.BitDepth.FLOAT_32, 1.0);
            stems.add(StemSpec.of(file));
        }
        return stems;
    }

    /** Residual energy of {@code a - b} against the energy of {@code b}, in dB, over frames [from, to). */
    static double residualDb(float[][] a, float[][] b, int from, int to) {
        double diff = 0;
        double ref = 0;
        for (int ch = 0; ch < a.length; ch++) {
            for (int i = from; i < to; i++) {
                double d = a[ch][i] - b[ch][i];
                diff += d * d;
                ref += (double) b[ch][i] * b[ch][i];
            }
        }
        return 10 * Math.log10(diff / ref + 1e-30);
    }
}
