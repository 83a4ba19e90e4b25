package dev.mixdown.dsp.meter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mixdown.dsp.testing.Metering;
import dev.mixdown.dsp.testing.Signals;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Streaming meters")
class StreamingTest {

    static Stream<Arguments> ratesAndBlocks() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (int rate : new int[] {44_100, 48_000, 96_000}) {
            for (int block : new int[] {1, 7, 64, 1000, 4096, 44_100}) {
                b.add(Arguments.of(rate, block));
            }
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0} Hz in blocks of {1}")
    @MethodSource("ratesAndBlocks")
    @DisplayName("results do not depend on the block size the audio arrives in")
    void blockSizeDoesNotMatter(int rate, int block) {
        float[][] signal = Signals.at(rate, 2).music(42, 12, 0.8).silence(1).music(7, 5, 0.3).build();
        LoudnessMeter reference = Metering.loudness(signal, rate, signal[0].length);
        TruePeakMeter referencePeak = Metering.truePeak(signal, rate, signal[0].length);

        LoudnessMeter m = Metering.loudness(signal, rate, block);
        TruePeakMeter p = Metering.truePeak(signal, rate, block);

        assertEquals(reference.integratedLufs().getAsDouble(), m.integratedLufs().getAsDouble(), 1e-9);
        assertEquals(reference.loudnessRangeLu().getAsDouble(), m.loudnessRangeLu().getAsDouble(), 1e-9);
        assertEquals(reference.momentaryMaxLufs().getAsDouble(), m.momentaryMaxLufs().getAsDouble(), 1e-9);
        assertEquals(reference.shortTermMaxLufs().getAsDouble(), m.shortTermMaxLufs().getAsDouble(), 1e-9);
        assertEquals(referencePeak.truePeakDbtp().getAsDouble(), p.truePeakDbtp().getAsDouble(), 0.0);
        assertEquals(referencePeak.samplePeakDbfs().getAsDouble(), p.samplePeakDbfs().getAsDouble(), 0.0);
    }

    @ParameterizedTest(name = "{0} Hz in blocks of {1}")
    @MethodSource("ratesAndBlocks")
    @DisplayName("skipping chunks that cannot hold the peak finds the true peak of interpolating everything, within 0.0001 dB")
    void skippingIsExact(int rate, int block) {
        float[][] signal = Signals.at(rate, 2).music(99, 6, 1.1).build();
        double fast = Metering.truePeak(signal, rate, block).truePeakDbtp().getAsDouble();
        double brute = bruteForceTruePeakDb(signal, rate);
        assertEquals(brute, fast, 1e-4); // the meter interpolates in float, the reference in double
    }

    /** Interpolates every point with the same filter, no skipping. */
    private static double bruteForceTruePeakDb(float[][] signal, int rate) {
        PeakInterpolator f = new PeakInterpolator(PeakInterpolator.factorFor(rate));
        int half = PeakInterpolator.TAPS / 2;
        double peak = 0;
        for (float[] x : signal) {
            for (int n = -half; n < x.length + half; n++) {
                peak = Math.max(peak, Math.abs(at(x, n)));
                for (float[] c : f.coefficients) {
                    double y = 0;
                    for (int j = 0; j < c.length; j++) {
                        y += c[j] * at(x, n + j - half + 1);
                    }
                    peak = Math.max(peak, Math.abs(y));
                }
            }
        }
        return 20 * Math.log10(peak);
    }

    private static double at(float[] x, int i) {
        return i < 0 || i >= x.length ? 0.0 : x[i];
    }
}
