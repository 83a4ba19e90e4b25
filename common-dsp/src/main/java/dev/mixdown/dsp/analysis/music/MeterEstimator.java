package dev.mixdown.dsp.analysis.music;

/**
 * Meter (3 or 4 beats a bar) and downbeat phase from beat-synchronous accents: the low-frequency
 * onset strength at each beat (kick and bass mark bar starts), the full-band onset strength, and
 * the harmonic change into each beat (chords change on downbeats). This follows the bar-level
 * evidence of Goto 2001 ("An audio-based real-time beat tracking system for music with or without
 * drum-sounds": chord changes and bass drum patterns mark bars) and the beat-synchronous
 * harmonic-change downbeat cue of Davies &amp; Plumbley 2006 ("A spectral difference approach to
 * downbeat extraction in musical audio"). Each cue is standardised; for every candidate bar length
 * and phase the score is the mean of their sum on the candidate downbeats minus its mean on the
 * other beats; the best pair wins, and a small preference for 4/4 breaks near-ties. A simple meter
 * has bars of 3 or 4 beats; a compound one (beats divided in three) of 2, 3 or 4 dotted quarters.
 */
final class MeterEstimator {
    private static final double FOUR_FOUR_PREFERENCE = 1.15;
    private static final double HARMONIC_WEIGHT = 0.5;
    /** Full-band accents mark downbeats less reliably than the low band (a snare outdoes a kick): half weight. */
    private static final double ACCENT_WEIGHT = 0.5;
    /** A low band this much weaker than the full band carries only noise (no kick or bass): ignored. */
    private static final double LOW_BAND_PRESENCE = 0.05;

    private MeterEstimator() {
    }

    static MeterEstimate estimate(double[] accent, double[] lowAccent, double[] harmonicChange, boolean compound) {
        int n = accent.length;
        if (n < 8) {
            return new MeterEstimate(compound ? 2 : 4, compound, 0, 0);
        }
        double[] cue = new double[n];
        add(cue, standardised(accent), ACCENT_WEIGHT);
        if (mean(lowAccent) >= LOW_BAND_PRESENCE * mean(accent)) {
            add(cue, standardised(lowAccent), 1.0);
        }
        add(cue, standardised(harmonicChange), HARMONIC_WEIGHT);
        int bestBeats = 4;
        int bestPhase = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        double secondScore = Double.NEGATIVE_INFINITY;
        for (int beats = compound ? 2 : 3; beats <= 4; beats++) {
            double weight = beats == 4 && !compound ? FOUR_FOUR_PREFERENCE : 1.0;
            for (int phase = 0; phase < beats; phase++) {
                double on = 0;
                double off = 0;
                int onCount = 0;
                int offCount = 0;
                for (int i = 0; i < n; i++) {
                    if (Math.floorMod(i - phase, beats) == 0) {
                        on += cue[i];
                        onCount++;
                    } else {
                        off += cue[i];
                        offCount++;
                    }
                }
                double contrast = on / onCount - off / offCount;
                double score = contrast > 0 ? contrast * weight : contrast / weight;
                if (score > bestScore) {
                    secondScore = Math.max(secondScore, bestScore);
                    bestScore = score;
                    bestBeats = beats;
                    bestPhase = phase;
                } else if (score > secondScore) {
                    secondScore = score;
                }
            }
        }
        double confidence = bestScore <= 0 ? 0 : Math.max(0, Math.min(1, (bestScore - Math.max(0, secondScore)) / bestScore));
        return new MeterEstimate(bestBeats, compound, bestPhase, confidence);
    }

    private static void add(double[] into, double[] values, double weight) {
        for (int i = 0; i < into.length; i++) {
            into[i] += weight * values[i];
        }
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return x.length == 0 ? 0 : s / x.length;
    }

    static double[] standardised(double[] x) {
        int n = x.length;
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= n;
        double var = 0;
        for (double v : x) {
            var += (v - mean) * (v - mean);
        }
        double std = Math.sqrt(var / n);
        double[] out = new double[n];
        if (std < 1e-12) {
            return out;
        }
        for (int i = 0; i < n; i++) {
            out[i] = (x[i] - mean) / std;
        }
        return out;
    }
}
