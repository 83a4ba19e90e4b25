package dev.mixdown.dsp.mix.balance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixdown.dsp.mix.StemAnalyzer;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Balance features")
class BalanceFeaturesTest {
    static final int SECONDS = 8;

    /** A stem analysed from a signal, at a gain. */
    static StemAnalyzer analysed(int rate, double gainDb, IntToDoubleFunction signal) {
        StemAnalyzer a = new StemAnalyzer(rate, 2);
        int frames = rate * SECONDS;
        float[][] block = new float[2][4096];
        double g = Math.pow(10, gainDb / 20);
        for (int start = 0; start < frames; start += 4096) {
            int k = Math.min(4096, frames - start);
            for (int i = 0; i < k; i++) {
                float v = (float) (g * signal.applyAsDouble(start + i));
                block[0][i] = v;
                block[1][i] = v;
            }
            a.accept(block, 0, k);
        }
        return a;
    }

    /** A melody stepping through a scale every 250 ms, two octaves above middle C. */
    static IntToDoubleFunction melody(int rate) {
        return i -> {
            double t = (double) i / rate;
            int step = (int) (t / 0.25) % 8;
            double hz = 1046.5 * Math.pow(2, new int[] {0, 2, 4, 5, 7, 9, 11, 12}[step] / 12.0);
            return 0.2 * Math.sin(2 * Math.PI * hz * t);
        };
    }

    /** A held low chord. */
    static IntToDoubleFunction pad(int rate) {
        return i -> {
            double t = (double) i / rate;
            return 0.1 * (Math.sin(2 * Math.PI * 130.8 * t) + Math.sin(2 * Math.PI * 164.8 * t) + Math.sin(2 * Math.PI * 196 * t));
        };
    }

    /** Noise bursts of 50 ms, four a second. */
    static IntToDoubleFunction hats(int rate) {
        SplittableRandom r = new SplittableRandom(5);
        double[] noise = new double[rate * SECONDS];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = r.nextDouble() * 2 - 1;
        }
        return i -> (i % (rate / 4)) < rate / 20 ? 0.3 * noise[i] : 0;
    }

    @ParameterizedTest(name = "{0} Hz")
    @ValueSource(ints = {44_100, 48_000})
    @DisplayName("a stem's features do not change when it comes in 10 dB louder or 10 dB quieter")
    void levelIndependent(int rate) {
        double[][] base = BalanceFeatures.audio(List.of(StemMeasures.of(analysed(rate, 0, melody(rate))),
                StemMeasures.of(analysed(rate, 0, pad(rate))), StemMeasures.of(analysed(rate, 0, hats(rate)))));
        double[][] moved = BalanceFeatures.audio(List.of(StemMeasures.of(analysed(rate, 10, melody(rate))),
                StemMeasures.of(analysed(rate, -10, pad(rate))), StemMeasures.of(analysed(rate, 0, hats(rate)))));
        for (int s = 0; s < base.length; s++) {
            for (int f = 0; f < base[s].length; f++) {
                assertEquals(base[s][f], moved[s][f], 1e-3 + 1e-3 * Math.abs(base[s][f]),
                        "stem " + s + " " + BalanceFeatures.AUDIO_FEATURES.get(f));
            }
        }
    }

    @ParameterizedTest(name = "{0} Hz")
    @ValueSource(ints = {44_100, 48_000})
    @DisplayName("a stepping melody reads higher, moving and sparse in partials; a held chord low and still; hats full of onsets")
    void tellsPartsApart(int rate) {
        double[][] rows = BalanceFeatures.audio(List.of(StemMeasures.of(analysed(rate, 0, melody(rate))),
                StemMeasures.of(analysed(rate, 0, pad(rate))), StemMeasures.of(analysed(rate, 0, hats(rate)))));
        int register = BalanceFeatures.AUDIO_FEATURES.indexOf("register_note");
        int motion = BalanceFeatures.AUDIO_FEATURES.indexOf("pitch_motion_st");
        int partials = BalanceFeatures.AUDIO_FEATURES.indexOf("partials");
        int onsets = BalanceFeatures.AUDIO_FEATURES.indexOf("onsets_per_s");
        int tonality = BalanceFeatures.AUDIO_FEATURES.indexOf("tonality");
        assertEquals(90.25, rows[0][register], 1, "the melody steps through C6..C7: 6.25 semitones over C6 on average");
        assertEquals(50, rows[1][register], 4, "the chord's strongest partial is around C3..G3");
        assertTrue(rows[0][motion] > 1 && rows[1][motion] < 0.5, "melody moves, chord holds: " + rows[0][motion] + " vs " + rows[1][motion]);
        assertTrue(rows[1][partials] > rows[0][partials] + 1, "three notes against one: " + rows[1][partials] + " vs " + rows[0][partials]);
        assertTrue(rows[2][onsets] > 3, "four bursts a second: " + rows[2][onsets]);
        assertTrue(rows[0][tonality] > rows[2][tonality] + 0.3, "a sine is tonal, noise is not");
        assertEquals(3, rows[0][BalanceFeatures.AUDIO_FEATURES.indexOf("stem_count")]);
    }
}
