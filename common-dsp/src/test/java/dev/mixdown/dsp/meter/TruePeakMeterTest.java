package dev.mixdown.dsp.meter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixdown.dsp.testing.Metering;
import dev.mixdown.dsp.testing.Signals;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** EBU Tech 3341 true-peak cases 15 to 19; the tolerance of the spec is +0.2 / -0.4 dB. */
@DisplayName("True-peak meter against EBU Tech 3341")
class TruePeakMeterTest {

    static Stream<Arguments> tech3341TruePeakCases() {
        Stream.Builder<Arguments> cases = Stream.builder();
        for (int rate : new int[] {44_100, 48_000}) {
            cases.add(Arguments.of(15, rate, 4.0, 0.5, 0.0, -6.0));
            cases.add(Arguments.of(16, rate, 4.0, 0.5, 45.0, -6.0));
            cases.add(Arguments.of(17, rate, 6.0, 0.5, 60.0, -6.0));
            cases.add(Arguments.of(18, rate, 8.0, 0.5, 67.5, -6.0));
            cases.add(Arguments.of(19, rate, 4.0, 1.41, 45.0, 3.0));
        }
        return cases.build();
    }

    @ParameterizedTest(name = "case {0} at {1} Hz: fs/{2} sine of peak {3} at {4} degrees reads {5} dBTP")
    @MethodSource("tech3341TruePeakCases")
    @DisplayName("Tech 3341 cases 15-19: inter-sample peaks of steady sines are found")
    void steadyStateCases(int caseNo, int rate, double divisor, double amplitude, double phaseDeg, double expectedDbtp) {
        float[][] signal = Signals.at(rate, 2).sineAtPhase(rate / divisor, amplitude, phaseDeg, 5).build();
        double tp = Metering.truePeak(signal, rate, 4096).truePeakDbtp().getAsDouble();
        assertTrue(tp <= expectedDbtp + 0.2 && tp >= expectedDbtp - 0.4,
                "case " + caseNo + " read " + tp + " dBTP, expected " + expectedDbtp + " +0.2/-0.4");
    }

    @Test
    @DisplayName("a fs/4 sine sampled at 45 degrees has its sample peak 3 dB under its true peak")
    void samplePeakMissesInterSamplePeaks() {
        float[][] signal = Signals.at(48_000, 2).sineAtPhase(12_000, 0.5, 45, 2).build();
        TruePeakMeter m = Metering.truePeak(signal, 48_000, 4096);
        assertEquals(-9.03, m.samplePeakDbfs().getAsDouble(), 0.01);
        assertEquals(-6.02, m.truePeakDbtp().getAsDouble(), 0.1);
    }

    @Test
    @DisplayName("a low-frequency sine's true peak equals its amplitude within 0.01 dB")
    void lowFrequencyTruePeakIsExact() {
        float[][] signal = Signals.at(44_100, 1).sineAtPhase(997, Math.pow(10, -1.0 / 20), 13, 3).build();
        assertEquals(-1.0, Metering.truePeak(signal, 44_100, 512).truePeakDbtp().getAsDouble(), 0.01);
    }

    @Test
    @DisplayName("peaks are reported per channel")
    void perChannel() {
        float[][] signal = Signals.at(48_000, 2).sine(1000, new double[] {-6, -20}, 1).build();
        TruePeakMeter m = Metering.truePeak(signal, 48_000, 1000);
        assertEquals(-6.0, 20 * Math.log10(m.truePeak(0)), 0.01);
        assertEquals(-20.0, 20 * Math.log10(m.truePeak(1)), 0.01);
        assertEquals(-6.0, m.truePeakDbtp().getAsDouble(), 0.01);
    }

    @Test
    @DisplayName("oversampling is 4x below 96 kHz, 2x below 192 kHz")
    void oversamplingFactor() {
        TruePeakMeter m = new TruePeakMeter();
        m.prepare(44_100, 2);
        assertEquals(4, m.oversampling());
        m.prepare(96_000, 2);
        assertEquals(2, m.oversampling());
        m.prepare(192_000, 2);
        assertEquals(1, m.oversampling());
    }
}
