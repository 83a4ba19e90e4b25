package dev.mixdown.balance;

import dev.mixdown.dsp.mix.StemAnalyzer;
import dev.mixdown.dsp.mix.balance.StemMeasures;
import java.util.List;

/**
 * Each stem's loudness relative to the mix, when the stems are set to given active loudnesses:
 * the mix's momentary loudness is the power sum of the stems' (stems of different parts are
 * nearly uncorrelated), and its active loudness is gated like a stem's.
 */
final class MixBalance {
    private MixBalance() {
    }

    /** @param levels each stem's active loudness in the mix, any common offset; NaN leaves a stem out */
    static double[] relativeToMix(List<StemMeasures> stems, double[] levels) {
        int frames = 0;
        for (StemMeasures s : stems) {
            frames = Math.max(frames, s.momentaryLufs().length);
        }
        double[] mix = new double[frames];
        for (int i = 0; i < stems.size(); i++) {
            StemMeasures s = stems.get(i);
            if (!s.plays() || Double.isNaN(levels[i])) {
                continue;
            }
            double shift = levels[i] - s.activeLufs();
            double[] m = s.momentaryLufs();
            for (int t = 0; t < m.length; t++) {
                mix[t] += Math.pow(10, (m[t] + shift) / 10);
            }
        }
        for (int t = 0; t < frames; t++) {
            mix[t] = 10 * Math.log10(mix[t] + 1e-30);
        }
        double mixLufs = StemAnalyzer.activeLufsOf(mix);
        double[] rel = new double[stems.size()];
        for (int i = 0; i < rel.length; i++) {
            rel[i] = levels[i] - mixLufs;
        }
        return rel;
    }
}
