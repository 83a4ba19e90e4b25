package dev.mixdown.dsp.meter;

/**
 * Polyphase interpolation filter for true-peak metering: for each of {@code factor - 1}
 * fractional positions between two input samples, a Kaiser-windowed sinc of {@code taps} taps
 * normalised to unity gain at DC. Phase 0 (the sample itself) needs no filter.
 */
public final class PeakInterpolator {
    /** Taps per phase: 16 input samples on either side of the interpolated point. */
    public static final int TAPS = 32;
    private static final double KAISER_BETA = 8.0;

    public final int factor;
    /** coefficients[p - 1][j] weights input x[n + j - TAPS/2 + 1] for the point n + p/factor. */
    public final float[][] coefficients;
    /** The largest sum of |coefficient| over the phases: |interpolated| ≤ l1Norm · max|input|. */
    public final double l1Norm;

    public PeakInterpolator(int factor) {
        this.factor = factor;
        this.coefficients = new float[Math.max(factor - 1, 0)][TAPS];
        double[] c = new double[TAPS];
        double l1 = 1.0;
        for (int p = 1; p < factor; p++) {
            double frac = (double) p / factor;
            double sum = 0.0;
            for (int j = 0; j < TAPS; j++) {
                double t = (j - TAPS / 2 + 1) - frac;
                c[j] = sinc(t) * kaiser(t / (TAPS / 2.0));
                sum += c[j];
            }
            double abs = 0.0;
            for (int j = 0; j < TAPS; j++) {
                coefficients[p - 1][j] = (float) (c[j] / sum);
                abs += Math.abs(coefficients[p - 1][j]);
            }
            l1 = Math.max(l1, abs);
        }
        this.l1Norm = l1 * 1.0001; // margin for float rounding in the interpolation
    }

    /** BS.1770-4 asks for at least 4× below 96 kHz; 2× up to 192 kHz reaches the same 176–192 kHz grid. */
    public static int factorFor(int sampleRate) {
        if (sampleRate < 96_000) {
            return 4;
        }
        return sampleRate < 192_000 ? 2 : 1;
    }

    private static double sinc(double t) {
        if (t == 0.0) {
            return 1.0;
        }
        double x = Math.PI * t;
        return Math.sin(x) / x;
    }

    private static double kaiser(double x) {
        if (Math.abs(x) > 1.0) {
            return 0.0;
        }
        return besselI0(KAISER_BETA * Math.sqrt(1.0 - x * x)) / besselI0(KAISER_BETA);
    }

    private static double besselI0(double x) {
        double sum = 1.0;
        double term = 1.0;
        for (int k = 1; k < 50; k++) {
            term *= (x / (2.0 * k)) * (x / (2.0 * k));
            sum += term;
            if (term < 1e-17 * sum) {
                break;
            }
        }
        return sum;
    }
}
