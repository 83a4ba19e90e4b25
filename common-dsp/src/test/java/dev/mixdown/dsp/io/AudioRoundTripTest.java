package dev.mixdown.dsp.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Writing and reading back")
class AudioRoundTripTest {
    @TempDir
    Path dir;

    static Stream<Arguments> formats() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (OutputFormat.Container c : new OutputFormat.Container[] {OutputFormat.Container.WAV, OutputFormat.Container.FLAC}) {
            for (OutputFormat.BitDepth d : OutputFormat.BitDepth.values()) {
                if (c == OutputFormat.Container.FLAC && d == OutputFormat.BitDepth.FLOAT_32) {
                    continue;
                }
                for (int channels : new int[] {1, 2, 6, 8}) {
                    for (int rate : new int[] {8_000, 44_100, 96_000, 192_000}) {
                        b.add(Arguments.of(c, d, channels, rate));
                    }
                }
            }
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0} {1}, {2} channels at {3} Hz")
    @MethodSource("formats")
    @DisplayName("what is written reads back bit-exact at the written depth")
    void roundTrip(OutputFormat.Container container, OutputFormat.BitDepth depth, int channels, int rate) throws IOException {
        int frames = 10_007; // not a multiple of any block size
        float[][] x = new float[channels][frames];
        SplittableRandom random = new SplittableRandom(rate * 31L + channels);
        for (int ch = 0; ch < channels; ch++) {
            for (int i = 0; i < frames; i++) {
                x[ch][i] = (float) (0.9 * Math.sin(i * 0.01 * (ch + 1)) + 0.05 * (random.nextDouble() - 0.5));
            }
        }
        x[0][5] = 1.5f; // clips in integer formats
        x[0][6] = -1.5f;
        Path p = dir.resolve("t." + container.name().toLowerCase());
        OutputFormat format = new OutputFormat(container, rate, channels, depth);
        try (AudioSink sink = AudioFiles.create(p, format)) {
            sink.write(x, 0, 4000);
            sink.write(x, 4000, frames - 4000);
            assertEquals(frames, sink.framesWritten());
        }
        try (AudioSource s = AudioFiles.open(p)) {
            assertEquals(rate, s.info().sampleRate());
            assertEquals(channels, s.info().channels());
            assertEquals(depth.bits, s.info().bitsPerSample());
            assertEquals(frames, s.info().frames());
            float[][] y = new float[channels][frames];
            int at = 0;
            int n;
            while ((n = s.read(y, at, Math.min(1500, frames - at + 1))) > 0) {
                at += n;
            }
            assertEquals(frames, at);
            for (int ch = 0; ch < channels; ch++) {
                for (int i = 0; i < frames; i++) {
                    assertEquals(expected(x[ch][i], depth), y[ch][i], 0.0, "channel " + ch + " frame " + i);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} Hz, {1} channel(s)")
    @org.junit.jupiter.params.provider.CsvSource({"44100, 2", "48000, 1", "32000, 2"})
    @DisplayName("MP3 (lossy) keeps a tone's level within 0.2 dB and its length, after the encoder's delay")
    void mp3(int rate, int channels) throws IOException {
        int frames = rate * 3;
        float[][] x = new float[channels][frames];
        for (int ch = 0; ch < channels; ch++) {
            for (int i = 0; i < frames; i++) {
                x[ch][i] = (float) (0.5 * Math.sin(2 * Math.PI * 1000 * i / rate));
            }
        }
        Path p = dir.resolve("t.mp3");
        try (AudioSink sink = AudioFiles.create(p, new OutputFormat(OutputFormat.Container.MP3, rate, channels, OutputFormat.BitDepth.PCM_16), 256)) {
            sink.write(x, 0, frames);
        }
        try (AudioSource s = AudioFiles.open(p)) {
            assertEquals("MP3", s.info().container());
            assertEquals(rate, s.info().sampleRate());
            assertEquals(channels, s.info().channels());
            float[][] y = new float[channels][frames + rate];
            int at = 0;
            int n;
            while ((n = s.read(y, at, Math.min(4096, y[0].length - at))) > 0) {
                at += n;
            }
            assertTrue(at >= frames && at < frames + rate / 2, "decoded " + at + " frames of " + frames);
            double sumIn = 0;
            double sumOut = 0;
            for (int i = rate / 2; i < rate * 2; i++) {
                sumIn += x[0][i] * x[0][i];
                sumOut += y[0][i] * y[0][i];
            }
            assertEquals(0.0, 10 * Math.log10(sumOut / sumIn), 0.2);
        }
    }

    private static float expected(float v, OutputFormat.BitDepth depth) {
        if (depth == OutputFormat.BitDepth.FLOAT_32) {
            return v;
        }
        double scale = 1L << (depth.bits - 1);
        double q = Math.max(-scale, Math.min(scale - 1, Math.round(v * scale)));
        return (float) (q / scale);
    }
}
