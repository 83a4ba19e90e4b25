package dev.mixdown.dsp.analysis.music;

/**
 * Chooses between a tracked pulse and its subdivision by two or three: when the onsets halfway
 * (or a third and two thirds of the way) between the tracked beats are nearly as strong as those on
 * the beats, the events are evenly accented and the faster pulse is the beat; in music the
 * off-beats are weaker than the beats (the metrical accent of Lerdahl &amp; Jackendoff 1983, as
 * used for metrical-level choice by Klapuri, Eronen &amp; Astola 2006, "Analysis of the meter of
 * acoustic musical signals"). The autocorrelation alone cannot tell an eighth-note texture at
 * 100 BPM from a click at 200 BPM; the accent ratio can.
 */
final class MetricalLevel {
    /** Off-beat onsets at least this strong relative to the beats make the off-beats beats too. */
    static final double EVEN_ACCENT_RATIO = 0.85;
    /** An off-beat onset counts when it reaches this fraction of the median onset on the beats. */
    static final double PRESENCE = 0.35;

    private MetricalLevel() {
    }

    /** 1 to keep the pulse, 2 or 3 to subdivide it, never beyond {@code maxBpm}. */
    static int divisor(double[] envelope, double[] beatFrames, double bpm, double maxBpm) {
        int n = beatFrames.length;
        if (n < 4) {
            return 1;
        }
        double[] on = new double[n];
        for (int i = 0; i < n; i++) {
            on[i] = peak(envelope, beatFrames[i]);
        }
        double[] sorted = on.clone();
        java.util.Arrays.sort(sorted);
        double level = PRESENCE * sorted[n / 2];
        if (level <= 0) {
            return 1;
        }
        int halves = 0;
        int thirds = 0;
        for (int i = 0; i + 1 < n; i++) {
            double a = beatFrames[i];
            double d = beatFrames[i + 1] - a;
            if (peak(envelope, a + d / 2) >= level) {
                halves++;
            }
            if (peak(envelope, a + d / 3) >= level && peak(envelope, a + 2 * d / 3) >= level) {
                thirds++;
            }
        }
        if (2 * bpm <= maxBpm && halves >= EVEN_ACCENT_RATIO * (n - 1)) {
            return 2;
        }
        if (3 * bpm <= maxBpm && thirds >= EVEN_ACCENT_RATIO * (n - 1)) {
            return 3;
        }
        return 1;
    }

    private static double peak(double[] envelope, double frame) {
        int centre = (int) Math.round(frame);
        double max = 0;
        for (int f = Math.max(0, centre - 2); f <= Math.min(envelope.length - 1, centre + 2); f++) {
            max = Math.max(max, envelope[f]);
        }
        return max;
    }
}
