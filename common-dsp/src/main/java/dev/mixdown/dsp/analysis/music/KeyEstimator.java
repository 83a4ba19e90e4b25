package dev.mixdown.dsp.analysis.music;

/**
 * Key and mode by correlating the track's pitch-class distribution with the Krumhansl–Kessler
 * key profiles rotated to the 24 major and minor keys (Krumhansl 1990, Cognitive Foundations of
 * Musical Pitch; the correlation method of Krumhansl–Schmuckler as described by Temperley 1999,
 * "What's key for key?"). The distribution is the sum of frame chroma vectors, each first
 * normalised to unit maximum and compressed with a square root so held loud notes do not drown
 * the rest. Confidence grows with the best correlation and its margin over the runner-up.
 */
final class KeyEstimator {
    /** Krumhansl &amp; Kessler 1982 probe-tone ratings, C major and C minor. */
    static final double[] MAJOR = {6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88};
    static final double[] MINOR = {6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17};

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
            double[] template = mode == 0 ? MAJOR : MINOR;
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
