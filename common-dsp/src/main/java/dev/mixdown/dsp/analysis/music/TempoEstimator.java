package dev.mixdown.dsp.analysis.music;

/**
 * Global tempo from the autocorrelation of the onset strength envelope, weighted by a log-normal
 * tempo prior (Ellis 2007, "Beat tracking by dynamic programming", J. New Music Research 36(1),
 * section 3.1), centred on {@value #PRIOR_CENTRE_BPM} BPM with a standard deviation of
 * {@value #PRIOR_OCTAVES} octave (tuned on the allowed dataset songs; Ellis uses 120 BPM and one
 * octave). The period is refined by parabolic interpolation around the autocorrelation peak. The
 * choice between this pulse and its subdivision is {@link MetricalLevel}'s.
 *
 * <p>Confidence is the autocorrelation at the period over the autocorrelation at lag 0 (of the
 * mean-removed envelope): about 0 for noise, near 1 for a click track.
 */
final class TempoEstimator {
    static final double PRIOR_CENTRE_BPM = 140;
    static final double PRIOR_OCTAVES = 0.8;
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
        double[] ac = autocorrelation(x, maxLag + 1);
        if (!(ac[0] > 1e-12)) {
            return TempoEstimate.none();
        }
        int best = -1;
        double bestScore = 0;
        for (int lag = minLag; lag <= maxLag; lag++) {
            if (ac[lag] <= 0 || ac[lag] < ac[lag - 1] || ac[lag] < ac[lag + 1]) {
                continue;
            }
            double octaves = Math.log(bpmOf(lag, framesPerSecond) / PRIOR_CENTRE_BPM) / Math.log(2) / PRIOR_OCTAVES;
            double score = ac[lag] * Math.exp(-0.5 * octaves * octaves);
            if (score > bestScore) {
                bestScore = score;
                best = lag;
            }
        }
        if (best < 0) {
            return TempoEstimate.none();
        }
        double period = refine(ac, best);
        double confidence = Math.max(0, Math.min(1, valueAt(ac, period) / ac[0]));
        return new TempoEstimate(period, bpmOf(period, framesPerSecond), confidence);
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
