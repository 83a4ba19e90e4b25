package dev.mixdown.dsp.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("FLAC decoder")
class FlacDecoderTest {
    @TempDir
    Path dir;

    static Stream<Arguments> streams() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (int channels : new int[] {1, 2, 6, 8}) {
            for (OutputFormat.BitDepth depth : new OutputFormat.BitDepth[] {OutputFormat.BitDepth.PCM_16, OutputFormat.BitDepth.PCM_24}) {
                for (String signal : new String[] {"music", "silence", "noise", "full-scale"}) {
                    b.add(Arguments.of(channels, depth, signal));
                }
            }
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0} channel(s), {1}, {2}")
    @MethodSource("streams")
    @DisplayName("decodes exactly what jFLAC, the reference decoder, decodes")
    void sameAsReference(int channels, OutputFormat.BitDepth depth, String signal) throws IOException {
        int frames = 48_000 * 2 + 333;
        float[][] x = new float[channels][frames];
        SplittableRandom r = new SplittableRandom(channels * 7L + depth.bits);
        for (int ch = 0; ch < channels; ch++) {
            for (int i = 0; i < frames; i++) {
                switch (signal) {
                    case "music":
                        x[ch][i] = (float) (0.5 * Math.sin(i * 0.013 * (ch + 1)) + 0.2 * Math.sin(i * 0.31) + 0.01 * r.nextGaussian());
                        break;
                    case "noise":
                        x[ch][i] = (float) (r.nextDouble() * 2 - 1);
                        break;
                    case "full-scale":
                        x[ch][i] = i % 2 == 0 ? 1f : -1f;
                        break;
                    default:
                        x[ch][i] = 0f;
                }
            }
        }
        Path p = dir.resolve("t.flac");
        try (AudioSink s = AudioFiles.create(p, new OutputFormat(OutputFormat.Container.FLAC, 48_000, channels, depth))) {
            s.write(x, 0, frames);
        }
        float[][] ours = readAll(AudioFiles.open(p), channels, frames);
        float[][] reference = readAll(JflacReader.open(p, FileChannel.open(p, StandardOpenOption.READ)), channels, frames);
        for (int ch = 0; ch < channels; ch++) {
            for (int i = 0; i < frames; i++) {
                assertEquals(reference[ch][i], ours[ch][i], 0.0, "channel " + ch + " frame " + i);
            }
        }
    }

    static float[][] readAll(AudioSource s, int channels, int frames) throws IOException {
        try (s) {
            assertEquals(frames, s.info().frames());
            float[][] y = new float[channels][frames + 1];
            int at = 0;
            int n;
            while ((n = s.read(y, at, Math.min(1000, frames + 1 - at))) > 0) {
                at += n;
            }
            assertEquals(frames, at);
            return y;
        }
    }
}
