package dev.mixdown.dsp.analysis.music;

/**
 * Global tempo from the autocorrelation of the onset strength envelope, in two stages.
 *
 * <ol>
 * <li><b>Metrical family.</b> Every autocorrelation peak between {@value #MIN_BPM} and
 * {@value #MAX_BPM} BPM is scored by harmonic summation over its metrical neighbours,
 * {@code r(τ) + ½·r(τ/2) + ½·r(2τ)}, weighted by a log-normal tempo prior centred on
 * {@value #FAMILY_PRIOR_BPM} BPM with a standard deviation of {@value #FAMILY_PRIOR_OCTAVES} octave.
 * This is Ellis's duple "TPS2" summation (Ellis 2007, "Beat tracking by dynamic programming",
 * J. New Music Research 36(1), section 3.1) taken both ways, and the "enhanced autocorrelation" of
 * Percival &amp; Tzanetakis 2014 ("Streamlined tempo estimation based on autocorrelation and
 * cross-correlation with pulses", IEEE/ACM TASLP 22(12)); the 120 BPM centre is the preferred
 * tempo of listeners (Moelants &amp; McKinney 2004). A pulse whose half and double are also
 * periodic is a beat; a dotted or triplet pulse (¾ or 3⁄2 of the beat: swing, 3+3+2 figures) has
 * no periodic double or half, so the summation steers away from the 2⁄3 and 4⁄3 errors of the
 * plain autocorrelation peak.</li>
 * <li><b>Octave.</b> Within that family, the period, its half and its double compete on their own
 * autocorrelation weighted by a second log-normal prior centred on {@value #OCTAVE_PRIOR_BPM} BPM,
 * {@value #OCTAVE_PRIOR_OCTAVES} octave wide (Ellis's single-level rule, tuned on the allowed
 * dataset songs). The choice between this pulse and its subdivision by two or three is then
 * {@link MetricalLevel}'s, after beat tracking.</li>
 * </ol>
 * The period is refined by parabolic interpolation around the autocorrelation peak.
 *
 * <p>Confidence is the autocorrelation at the period over the autocorrelation at lag 0 (of the
 * mean-removed envelope): about 0 for noise, near 1 for a click track.
 */
final class TempoEstimator {
    static final double FAMILY_PRIOR_BPM = 120;
    static final double FAMILY_PRIOR_OCTAVES = 0.8;
    static final double OCTAVE_PRIOR_BPM = 140;
    static final double OCTAVE_PRIOR_OCTAVES = 0.8;
    /** Weight of the half and double period in the family's harmonic summation. */
    static final double NEIGHBOUR_WEIGHT = 0.5;
    /** An octave candidate's own peak is searched within this fraction of its nominal lag. */
    static final double PEAK_SEARCH = 0.02;
    static final double MIN_BPM = 40;
    static final double MAX_BPM = 240;

    private TempoEstimator() {
    }

    static TempoEstimate estimate(double[] envelope, double framesPerSecond) {
        int n = envelope.length;
        int minLag = Math.max(2, (int) Math.floor(framesPerSecond * 60 / MAX_BPM));
        int maxLag = (int) Math.ceil(framesPerSecond * 60 / MIN_BPM);
        if (n < 2 * maxLag + 2) {
            return TempoEstimate.none();
        }
        double mean = 0;
        for (double v : envelope) {
            mean += v;
        }
        mean /= n;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = envelope[i] - mean;
        }
        double[] ac = autocorrelation(x, Math.min(n - 1, 2 * maxLag + 2));
        if (!(ac[0] > 1e-12)) {
            return TempoEstimate.none();
        }
        int family = familyPeak(ac, minLag, maxLag, framesPerSecond);
        if (family < 0) {
            return TempoEstimate.none();
        }
        int best = -1;
        double bestScore = 0;
        for (double lag : new double[] {family / 2.0, family, 2.0 * family}) {
            if (lag < minLag || lag > maxLag) {
                continue;
            }
            int peak = peakNear(ac, lag);
            double score = Math.max(0, ac[peak]) * prior(bpmOf(lag, framesPerSecond), OCTAVE_PRIOR_BPM, OCTAVE_PRIOR_OCTAVES);
            if (score > bestScore) {
                bestScore = score;
                best = peak;
            }
        }
        if (best < 0) {
            return TempoEstimate.none();
        }
        double period = refine(ac, best);
        double confidence = Math.max(0, Math.min(1, valueAt(ac, period) / ac[0]));
        return new TempoEstimate(period, bpmOf(period, framesPerSecond), confidence);
    }

    /** The autocorrelation peak whose harmonic summation with its half and double, times the family prior, is largest. */
    private static int familyPeak(double[] ac, int minLag, int maxLag, double framesPerSecond) {
        int best = -1;
        double bestScore = 0;
        for (int lag = minLag; lag <= maxLag; lag++) {
            if (ac[lag] <= 0 || ac[lag] < ac[lag - 1] || ac[lag] < ac[lag + 1]) {
                continue;
            }
            double salience = ac[lag]
                    + NEIGHBOUR_WEIGHT * Math.max(0, valueAt(ac, lag / 2.0))
                    + NEIGHBOUR_WEIGHT * Math.max(0, valueAt(ac, 2.0 * lag));
            double score = salience * prior(bpmOf(lag, framesPerSecond), FAMILY_PRIOR_BPM, FAMILY_PRIOR_OCTAVES);
            if (score > bestScore) {
                bestScore = score;
                best = lag;
            }
        }
        return best;
    }

    /** Log-normal weight of a tempo: exp(−½·(log₂(bpm / centre) / octaves)²). */
    static double prior(double bpm, double centreBpm, double octaves) {
        double z = Math.log(bpm / centreBpm) / Math.log(2) / octaves;
        return Math.exp(-0.5 * z * z);
    }

    /** The largest autocorrelation lag within ±{@value #PEAK_SEARCH} of {@code lag}. */
    private static int peakNear(double[] ac, double lag) {
        int lo = Math.max(1, (int) Math.floor(lag * (1 - PEAK_SEARCH)));
        int hi = Math.min(ac.length - 2, (int) Math.ceil(lag * (1 + PEAK_SEARCH)));
        int best = Math.min(Math.max(lo, (int) Math.round(lag)), hi);
        for (int i = lo; i <= hi; i++) {
            if (ac[i] > ac[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Unbiased autocorrelation for lags 0 to {@code lags}, the direct O(n·lags) sum. */
    static double[] autocorrelation(double[] x, int lags) {
        int n = x.length;
        double[] ac = new double[lags + 1];
        for (int lag = 0; lag <= lags && lag < n; lag++) {
            double s = 0;
            for (int i = lag; i < n; i++) {
                s += x[i] * x[i - lag];
            }
            ac[lag] = s / (n - lag);
        }
        return ac;
    }

    private static double refine(double[] ac, int lag) {
        if (lag <= 0 || lag >= ac.length - 1) {
            return lag;
        }
        double a = ac[lag - 1];
        double b = ac[lag];
        double c = ac[lag + 1];
        double denominator = a - 2 * b + c;
        if (denominator >= 0) {
            return lag;
        }
        double shift = 0.5 * (a - c) / denominator;
        return lag + Math.max(-0.5, Math.min(0.5, shift));
    }

    private static double valueAt(double[] ac, double lag) {
        int i = (int) Math.floor(lag);
        if (i >= ac.length - 1) {
            return ac[ac.length - 1];
        }
        double f = lag - i;
        return ac[i] * (1 - f) + ac[i + 1] * f;
    }

    static double bpmOf(double lagFrames, double framesPerSecond) {
        return 60 * framesPerSecond / lagFrames;
    }
}
