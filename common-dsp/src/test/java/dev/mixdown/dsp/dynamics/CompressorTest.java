package dev.mixdown.dsp.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixdown.dsp.processor.ProcessSpec;
import dev.mixdown.dsp.testing.Measure;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Compressor")
class CompressorTest {

    private static float[][] square(int rate, double amplitude, int frames) {
        float[][] x = new float[2][frames];
        for (int i = 0; i < frames; i++) {
            float v = (float) ((i / 50) % 2 == 0 ? amplitude : -amplitude);
            x[0][i] = v;
            x[1][i] = v;
        }
        return x;
    }

    @ParameterizedTest(name = "at {0} Hz")
    @ValueSource(ints = {44_100, 48_000, 96_000})
    @DisplayName("a steady level 10 dB over a -20 dB threshold at 4:1 comes out 7.5 dB lower")
    void staticCurve(int rate) {
        Compressor c = new Compressor(-20, 4, 0, 5, 50, 0, Detection.PEAK, 0);
        c.prepare(new ProcessSpec(rate, 1024, 2));
        float[][] x = square(rate, Math.pow(10, -10 / 20.0), rate);
        for (int off = 0; off < rate; off += 1024) {
            c.process(x, off, Math.min(1024, rate - off));
        }
        assertEquals(-17.5, 20 * Math.log10(Measure.peak(x[0], rate / 2, rate)), 0.05);
        assertEquals(7.5, c.stats().maxDb(), 0.05);
    }

    @Test
    @DisplayName("the soft knee bends the curve: half the knee's reduction at the threshold, none below the knee")
    void softKnee() {
        Compressor c = new Compressor(-20, 4, 6, 5, 50, 0, Detection.PEAK, 0);
        assertEquals(0.0, c.reductionDbFor(-23.5), 1e-12);
        assertEquals(0.75 * 9 / 12, c.reductionDbFor(-20), 1e-9);
        assertEquals(0.75 * 7, c.reductionDbFor(-13), 1e-9);
    }

    @ParameterizedTest(name = "{0} ms")
    @ValueSource(doubles = {1, 10, 30})
    @DisplayName("after a step, the reduction reaches 63 % of its final value in the attack time")
    void attackTime(double attackMs) {
        int rate = 48_000;
        Compressor c = new Compressor(-20, 10, 0, attackMs, 200, 0, Detection.PEAK, 0);
        c.prepare(new ProcessSpec(rate, rate, 2));
        float[][] x = new float[2][rate];
        java.util.Arrays.fill(x[0], 0.5f);
        java.util.Arrays.fill(x[1], 0.5f);
        double finalDb = c.reductionDbFor(20 * Math.log10(0.5));
        int at = (int) Math.round(attackMs * rate / 1000);
        c.process(x, 0, at);
        double reduced = -20 * Math.log10(x[0][at - 1] / 0.5);
        assertEquals(finalDb * (1 - Math.exp(-1)), reduced, finalDb * 0.03);
    }

    @Test
    @DisplayName("below threshold the signal passes untouched, with makeup gain applied")
    void belowThreshold() {
        Compressor c = new Compressor(-6, 3, 2, 5, 50, 2, Detection.RMS, 80);
        c.prepare(new ProcessSpec(44_100, 1024, 2));
        float[][] x = Measure.sine(44_100, 2, 440, 0.1, 8192);
        float[][] in = Measure.copy(x);
        c.process(x, 0, 1024);
        for (int i = 0; i < 1024; i++) {
            assertEquals(in[0][i] * Math.pow(10, 0.1), x[0][i], 1e-6);
        }
        assertTrue(c.stats().maxDb() == 0);
    }
}
