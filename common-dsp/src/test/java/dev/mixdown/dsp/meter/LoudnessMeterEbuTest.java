package dev.mixdown.dsp.meter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixdown.dsp.testing.Metering;
import dev.mixdown.dsp.testing.Signals;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The minimum-requirement cases of EBU Tech 3341 (loudness) and Tech 3342 (loudness range), with
 * their tolerances: ±0.1 LU for momentary, short-term and integrated, ±1 LU for loudness range.
 */
@DisplayName("Loudness meter against EBU Tech 3341 and 3342")
class LoudnessMeterEbuTest {
    private static final double LU = 0.1;
    private static final double LRA_LU = 1.0;
    private static final int BLOCK = 4096;

    private static LoudnessMeter measure(Signals s, int rate) {
        return Metering.loudness(s.build(), rate, BLOCK);
    }

    @ParameterizedTest(name = "at {0} Hz")
    @ValueSource(ints = {44_100, 48_000})
    @DisplayName("Tech 3341 case 1: stereo 1 kHz at -23 dBFS reads -23 LUFS momentary, short-term and integrated")
    void case1(int rate) {
        LoudnessMeter m = measure(Signals.at(rate, 2).sine(1000, -23, 20), rate);
        assertEquals(-23.0, m.integratedLufs().getAsDouble(), LU);
        assertEquals(-23.0, m.momentaryMaxLufs().getAsDouble(), LU);
        assertEquals(-23.0, m.shortTermMaxLufs().getAsDouble(), LU);
    }

    @ParameterizedTest(name = "at {0} Hz")
    @ValueSource(ints = {44_100, 48_000})
    @DisplayName("Tech 3341 case 2: stereo 1 kHz at -33 dBFS reads -33 LUFS momentary, short-term and integrated")
    void case2(int rate) {
        LoudnessMeter m = measure(Signals.at(rate, 2).sine(1000, -33, 20), rate);
        assertEquals(-33.0, m.integratedLufs().getAsDouble(), LU);
        assertEquals(-33.0, m.momentaryMaxLufs().getAsDouble(), LU);
        assertEquals(-33.0, m.shortTermMaxLufs().getAsDouble(), LU);
    }

    @ParameterizedTest(name = "at {0} Hz")
    @ValueSource(ints = {44_100, 48_000})
    @DisplayName("Tech 3341 case 3: -36/-23/-36 dBFS integrates to -23 LUFS (relative gate)")
    void case3(int rate) {
        LoudnessMeter m = measure(Signals.at(rate, 2).sine(1000, -36, 10).sine(1000, -23, 60).sine(1000, -36, 10), rate);
        assertEquals(-23.0, m.integratedLufs().getAsDouble(), LU);
    }

    @ParameterizedTest(name = "at {0} Hz")
    @ValueSource(ints = {44_100, 48_000})
    @DisplayName("Tech 3341 case 4: -72/-36/-23/-36/-72 dBFS integrates to -23 LUFS (absolute and relative gates)")
    void case4(int rate) {
        LoudnessMeter m = measure(Signals.at(rate, 2).sine(1000, -72, 10).sine(1000, -36, 10).sine(1000, -23, 60)
                .sine(1000, -36, 10).sine(1000, -72, 10), rate);
        assertEquals(-23.0, m.integratedLufs().getAsDouble(), LU);
    }

    @ParameterizedTest(name = "at {0} Hz")
    @ValueSource(ints = {44_100, 48_000})
    @DisplayName("Tech 3341 case 5: -26/-20/-26 dBFS integrates to -23 LUFS")
    void case5(int rate) {
        LoudnessMeter m = measure(Signals.at(rate, 2).sine(1000, -26, 20).sine(1000, -20, 20.1).sine(1000, -26, 20), rate);
        assertEquals(-23.0, m.integratedLufs().getAsDouble(), LU);
    }

    @ParameterizedTest(name = "at {0} Hz")
    @ValueSource(ints = {44_100, 48_000})
    @DisplayName("Tech 3341 case 6: five channels at -28/-28/-24/-30/-30 dBFS read -23 LUFS with surround weights")
    void case6(int rate) {
        LoudnessMeter m = measure(Signals.at(rate, 5).sine(1000, new double[] {-28, -28, -24, -30, -30}, 20), rate);
        assertEquals(-23.0, m.integratedLufs().getAsDouble(), LU);
    }

    @ParameterizedTest(name = "at {0} Hz")
    @ValueSource(ints = {44_100, 48_000})
    @DisplayName("Tech 3341 case 9: 1.34 s at -20 / 1.66 s at -30 dBFS holds short-term at -23 LUFS after 3 s")
    void case9(int rate) {
        Signals s = Signals.at(rate, 2);
        for (int i = 0; i < 10; i++) {
            s.sine(1000, -20, 1.34).sine(1000, -30, 1.66);
        }
        double[] shortTerm = measure(s, rate).shortTermLufs();
        assertTrue(shortTerm.length > 200);
        for (double v : shortTerm) {
            assertEquals(-23.0, v, LU);
        }
    }

    @ParameterizedTest(name = "at {0} Hz")
    @ValueSource(ints = {44_100, 48_000})
    @DisplayName("Tech 3341 case 12: 0.18 s at -20 / 0.22 s at -30 dBFS holds momentary at -23 LUFS after 1 s")
    void case12(int rate) {
        Signals s = Signals.at(rate, 2);
        for (int i = 0; i < 25; i++) {
            s.sine(1000, -20, 0.18).sine(1000, -30, 0.22);
        }
        double[] momentary = measure(s, rate).momentaryLufs();
        assertTrue(momentary.length > 90);
        for (int i = 6; i < momentary.length; i++) { // from 1 s on
            assertEquals(-23.0, momentary[i], LU, "momentary value " + i);
        }
    }

    @ParameterizedTest(name = "at {0} Hz")
    @ValueSource(ints = {44_100, 48_000})
    @DisplayName("BS.1770 calibration: a 0 dBFS 1 kHz sine in one channel reads -3.01 LKFS, stereo or mono")
    void calibrationTone(int rate) {
        double silent = Double.NEGATIVE_INFINITY;
        LoudnessMeter stereo = measure(Signals.at(rate, 2).sine(1000, new double[] {0, silent}, 10), rate);
        assertEquals(-3.01, stereo.integratedLufs().getAsDouble(), 0.05);
        LoudnessMeter mono = measure(Signals.at(rate, 1).sine(1000, 0, 10), rate);
        assertEquals(-3.01, mono.integratedLufs().getAsDouble(), 0.05);
    }

    @ParameterizedTest(name = "at {0} Hz")
    @ValueSource(ints = {44_100, 48_000})
    @DisplayName("Tech 3342 case 1: 20 s at -20 then 20 s at -30 dBFS has a loudness range of 10 LU")
    void lraCase1(int rate) {
        assertEquals(10.0, measure(Signals.at(rate, 2).sine(1000, -20, 20).sine(1000, -30, 20), rate)
                .loudnessRangeLu().getAsDouble(), LRA_LU);
    }

    @ParameterizedTest(name = "at {0} Hz")
    @ValueSource(ints = {44_100, 48_000})
    @DisplayName("Tech 3342 case 2: 20 s at -20 then 20 s at -15 dBFS has a loudness range of 5 LU")
    void lraCase2(int rate) {
        assertEquals(5.0, measure(Signals.at(rate, 2).sine(1000, -20, 20).sine(1000, -15, 20), rate)
                .loudnessRangeLu().getAsDouble(), LRA_LU);
    }

    @ParameterizedTest(name = "at {0} Hz")
    @ValueSource(ints = {44_100, 48_000})
    @DisplayName("Tech 3342 case 3: 20 s at -40 then 20 s at -20 dBFS has a loudness range of 20 LU")
    void lraCase3(int rate) {
        assertEquals(20.0, measure(Signals.at(rate, 2).sine(1000, -40, 20).sine(1000, -20, 20), rate)
                .loudnessRangeLu().getAsDouble(), LRA_LU);
    }

    @ParameterizedTest(name = "at {0} Hz")
    @ValueSource(ints = {44_100, 48_000})
    @DisplayName("Tech 3342 case 4: -50/-35/-20/-35/-50 dBFS, 20 s each, has a loudness range of 15 LU")
    void lraCase4(int rate) {
        assertEquals(15.0, measure(Signals.at(rate, 2).sine(1000, -50, 20).sine(1000, -35, 20).sine(1000, -20, 20)
                .sine(1000, -35, 20).sine(1000, -50, 20), rate).loudnessRangeLu().getAsDouble(), LRA_LU);
    }

    @ParameterizedTest(name = "at {0} Hz")
    @ValueSource(ints = {44_100, 48_000})
    @DisplayName("digital silence has no integrated loudness, range or maxima (empty, not a number)")
    void silenceIsNotMeasurable(int rate) {
        LoudnessMeter m = measure(Signals.at(rate, 2).silence(5), rate);
        assertFalse(m.integratedLufs().isPresent());
        assertFalse(m.loudnessRangeLu().isPresent());
        assertFalse(m.momentaryMaxLufs().isPresent());
        assertFalse(m.shortTermMaxLufs().isPresent());
    }

    @ParameterizedTest(name = "at {0} Hz")
    @ValueSource(ints = {44_100, 48_000})
    @DisplayName("a clip shorter than 3 s has an integrated loudness but no short-term maximum or range")
    void shortClip(int rate) {
        LoudnessMeter m = measure(Signals.at(rate, 2).sine(1000, -23, 2), rate);
        assertEquals(-23.0, m.integratedLufs().getAsDouble(), LU);
        assertFalse(m.shortTermMaxLufs().isPresent());
        assertFalse(m.loudnessRangeLu().isPresent());
    }
}
