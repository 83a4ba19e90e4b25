package dev.mixdown.dsp.mix.balance;

import dev.mixdown.dsp.mix.StemAnalyzer;
import dev.mixdown.dsp.mix.StemFeatures;
import dev.mixdown.dsp.mix.TonalProfile;

/**
 * What the balance model reads of one stem, taken from the engine's own stem analysis. Nothing
 * here depends on the stem's level (the stems come in at arbitrary levels); {@code activeLufs} is
 * kept only to express the model's answer as a gain.
 *
 * @param momentaryLufs momentary loudness every 100 ms
 * @param spectrumDb    long-term third-octave spectrum
 */
public record StemMeasures(double activeLufs, double activeFraction, double[] momentaryLufs, double[] spectrumDb,
        StemFeatures features, TonalProfile.Summary tonal) {

    public static StemMeasures of(StemAnalyzer a) {
        return new StemMeasures(a.activeLufs(), a.activeFraction(), a.momentaryLufs(), a.spectrumDb(), a.features(), a.tonal());
    }

    /** True when the stem plays at all (a silent stem has no balance to predict). */
    public boolean plays() {
        return Double.isFinite(activeLufs);
    }
}
