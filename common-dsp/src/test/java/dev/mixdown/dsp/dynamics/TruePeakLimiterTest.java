package dev.mixdown.dsp.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixdown.dsp.meter.TruePeakMeter;
import dev.mixdown.dsp.processor.ProcessSpec;
import dev.mixdown.dsp.testing.Measure;
import dev.mixdown.dsp.testing.Signals;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("True-peak limiter")
class TruePeakLimiterTest {

    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (int rate : new int[] {44_100, 48_000, 96_000}) {
            for (double ceiling : new double[] {-1.0, -0.1, -2.0}) {
                for (int block : new int[] {64, 4096}) {
                    b.add(Arguments.of(rate, ceiling, block));
                }
            }
        }
        return b.build();
    }

    /** Runs the limiter over x (in place, blockwise), flushes, and returns the output aligned with the input. */
    static float[][] limit(TruePeakLimiter lim, float[][] x, int rate, int block) {
        int frames = x[0].length;
        int latency = lim.latencyFrames();
        float[][] buf = new float[2][frames + latency];
        for (int ch = 0; ch < 2; ch++) {
            System.arraycopy(x[ch], 0, buf[ch], 0, frames);
        }
        for (int off = 0; off < buf[0].length; off += block) {
            lim.process(buf, off, Math.min(block, buf[0].length - off));
        }
        float[][] out = new float[2][frames];
        for (int ch = 0; ch < 2; ch++) {
            System.arraycopy(buf[ch], latency, out[ch], 0, frames);
        }
        return out;
    }

    @ParameterizedTest(name = "{0} Hz, ceiling {1} dBTP, blocks of {2}")
    @MethodSource("cases")
    @DisplayName("music pushed 12 dB into the limiter comes out with its true peak at or under the ceiling")
    void holdsTheCeiling(int rate, double ceiling, int block) {
        float[][] x = Signals.at(rate, 2).music(5, 8, 4.0).build();
        TruePeakLimiter lim = new TruePeakLimiter(ceiling, 1.5, 60);
        lim.prepare(new ProcessSpec(rate, block, 2));
        float[][] y = limit(lim, x, rate, block);
        TruePeakMeter meter = new TruePeakMeter();
        meter.prepare(rate, 2);
        meter.accept(y, 0, y[0].length);
        meter.finish();
        double tp = meter.truePeakDbtp().getAsDouble();
        assertTrue(tp <= ceiling + 0.005, "true peak " + tp + " dBTP over ceiling " + ceiling);
        assertTrue(tp > ceiling - 0.5, "the limiter does not over-limit: " + tp);
        assertTrue(lim.stats().maxDb() > 6, "it had work to do");
    }

    @Test
    @DisplayName("below the ceiling the output is the input, delayed by exactly the reported latency")
    void transparentBelowCeiling() {
        int rate = 48_000;
        float[][] x = Signals.at(rate, 2).music(8, 2, 0.2).build();
        TruePeakLimiter lim = new TruePeakLimiter(-1, 1.5, 60);
        lim.prepare(new ProcessSpec(rate, 1000, 2));
        float[][] y = limit(lim, x, rate, 1000);
        for (int i = 0; i < x[0].length; i++) {
            assertEquals(x[0][i], y[0][i], 0.0);
        }
        assertEquals(0.0, lim.stats().maxDb(), 0.0);
    }

    @Test
    @DisplayName("gain changes are smooth: no step larger than the attack ramp allows")
    void noClicks() {
        int rate = 48_000;
        float[][] x = new float[2][rate];
        for (int i = 0; i < rate; i++) {
            double burst = (i > rate / 3 && i < rate / 2) ? 3.0 : 0.3; // a sudden 20 dB jump
            x[0][i] = x[1][i] = (float) (burst * Math.sin(2 * Math.PI * 100 * i / rate));
        }
        TruePeakLimiter lim = new TruePeakLimiter(-1, 2, 50);
        lim.prepare(new ProcessSpec(rate, 512, 2));
        float[][] y = limit(lim, x, rate, 512);
        double maxStep = 0;
        for (int i = 1; i < rate; i++) {
            if (Math.abs(x[0][i]) > 0.05 && Math.abs(x[0][i - 1]) > 0.05) {
                double g1 = y[0][i] / x[0][i];
                double g0 = y[0][i - 1] / x[0][i - 1];
                maxStep = Math.max(maxStep, Math.abs(g1 - g0));
            }
        }
        // a full 20 dB swing spread over the 2 ms (96-frame) ramp moves the gain at most ~1/96 per frame
        assertTrue(maxStep < 0.02, "largest gain step " + maxStep);
    }
}
