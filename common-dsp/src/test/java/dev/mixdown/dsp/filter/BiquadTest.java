package dev.mixdown.dsp.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mixdown.dsp.processor.ProcessSpec;
import dev.mixdown.dsp.testing.Measure;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Biquad filters (RBJ cookbook)")
class BiquadTest {

    @ParameterizedTest(name = "at {0} Hz")
    @ValueSource(ints = {44_100, 48_000, 96_000})
    @DisplayName("each shape has its defining gain at its corner frequency")
    void cornerGains(int rate) {
        double q = Math.sqrt(0.5);
        assertEquals(-3.01, BiquadShape.LOW_PASS.design(rate, 1000, q, 0).magnitudeDbAt(1000, rate), 0.01);
        assertEquals(-3.01, BiquadShape.HIGH_PASS.design(rate, 1000, q, 0).magnitudeDbAt(1000, rate), 0.01);
        assertEquals(6.0, BiquadShape.PEAK.design(rate, 2000, 1.0, 6).magnitudeDbAt(2000, rate), 0.01);
        assertEquals(-4.5, BiquadShape.PEAK.design(rate, 2000, 1.0, -4.5).magnitudeDbAt(2000, rate), 0.01);
        assertEquals(2.0, BiquadShape.LOW_SHELF.design(rate, 200, q, 4).magnitudeDbAt(200, rate), 0.01);
        assertEquals(4.0, BiquadShape.LOW_SHELF.design(rate, 200, q, 4).magnitudeDbAt(10, rate), 0.05);
        assertEquals(-1.5, BiquadShape.HIGH_SHELF.design(rate, 8000, q, -3).magnitudeDbAt(8000, rate), 0.01);
        assertEquals(-3.0, BiquadShape.HIGH_SHELF.design(rate, 8000, q, -3).magnitudeDbAt(20000, rate), 0.1);
        assertEquals(0.0, BiquadShape.ALL_PASS.design(rate, 500, q, 0).magnitudeDbAt(3000, rate), 1e-9);
        org.junit.jupiter.api.Assertions.assertTrue(BiquadShape.NOTCH.design(rate, 1000, 2, 0).magnitudeDbAt(1000, rate) < -60, "notch is deep");
    }

    static Stream<Arguments> shapesAndRates() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (int rate : new int[] {44_100, 48_000, 96_000}) {
            for (BiquadShape s : new BiquadShape[] {BiquadShape.LOW_SHELF, BiquadShape.HIGH_SHELF, BiquadShape.PEAK,
                BiquadShape.HIGH_PASS, BiquadShape.LOW_PASS}) {
                b.add(Arguments.of(s, rate));
            }
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0} at {1} Hz")
    @MethodSource("shapesAndRates")
    @DisplayName("the processor's measured response matches magnitudeAt within 0.02 dB")
    void measuredResponse(BiquadShape shape, int rate) {
        Biquad f = new Biquad(shape, 1000, 0.9, 5);
        f.prepare(new ProcessSpec(rate, 4096, 1));
        for (double hz : new double[] {60, 300, 1000, 3000, 12000}) {
            f.reset();
            float[][] x = Measure.sine(rate, 1, hz, 0.5, rate);
            double in = Measure.rmsDb(x[0], rate / 2, rate);
            for (int off = 0; off < rate; off += 4096) {
                f.process(x, off, Math.min(4096, rate - off));
            }
            double out = Measure.rmsDb(x[0], rate / 2, rate);
            assertEquals(f.coefficients().magnitudeDbAt(hz, rate), out - in, 0.02, shape + " at " + hz + " Hz");
        }
    }
}
