package dev.mixdown.dsp.filter;

/** The filter shapes of the RBJ Audio EQ Cookbook, plus the allpass that Linkwitz-Riley crossovers need. */
public enum BiquadShape {
    LOW_PASS, HIGH_PASS, LOW_SHELF, HIGH_SHELF, PEAK, NOTCH, ALL_PASS;

    /** Coefficients for this shape at {@code sampleRate}. {@code gainDb} matters for shelves and peaks only. */
    public BiquadCoefficients design(double sampleRate, double frequencyHz, double q, double gainDb) {
        double f = Math.min(frequencyHz, sampleRate * 0.499);
        double w0 = 2 * Math.PI * f / sampleRate;
        double cos = Math.cos(w0);
        double alpha = Math.sin(w0) / (2 * q);
        double a = Math.pow(10, gainDb / 40);
        double b0;
        double b1;
        double b2;
        double a0;
        double a1;
        double a2;
        switch (this) {
            case LOW_PASS:
                b0 = (1 - cos) / 2;
                b1 = 1 - cos;
                b2 = (1 - cos) / 2;
                a0 = 1 + alpha;
                a1 = -2 * cos;
                a2 = 1 - alpha;
                break;
            case HIGH_PASS:
                b0 = (1 + cos) / 2;
                b1 = -(1 + cos);
                b2 = (1 + cos) / 2;
                a0 = 1 + alpha;
                a1 = -2 * cos;
                a2 = 1 - alpha;
                break;
            case PEAK:
                b0 = 1 + alpha * a;
                b1 = -2 * cos;
                b2 = 1 - alpha * a;
                a0 = 1 + alpha / a;
                a1 = -2 * cos;
                a2 = 1 - alpha / a;
                break;
            case NOTCH:
                b0 = 1;
                b1 = -2 * cos;
                b2 = 1;
                a0 = 1 + alpha;
                a1 = -2 * cos;
                a2 = 1 - alpha;
                break;
            case ALL_PASS:
                b0 = 1 - alpha;
                b1 = -2 * cos;
                b2 = 1 + alpha;
                a0 = 1 + alpha;
                a1 = -2 * cos;
                a2 = 1 - alpha;
                break;
            case LOW_SHELF: {
                double sq = 2 * Math.sqrt(a) * alpha;
                b0 = a * ((a + 1) - (a - 1) * cos + sq);
                b1 = 2 * a * ((a - 1) - (a + 1) * cos);
                b2 = a * ((a + 1) - (a - 1) * cos - sq);
                a0 = (a + 1) + (a - 1) * cos + sq;
                a1 = -2 * ((a - 1) + (a + 1) * cos);
                a2 = (a + 1) + (a - 1) * cos - sq;
                break;
            }
            default: {
                double sq = 2 * Math.sqrt(a) * alpha;
                b0 = a * ((a + 1) + (a - 1) * cos + sq);
                b1 = -2 * a * ((a - 1) + (a + 1) * cos);
                b2 = a * ((a + 1) + (a - 1) * cos - sq);
                a0 = (a + 1) - (a - 1) * cos + sq;
                a1 = 2 * ((a - 1) - (a + 1) * cos);
                a2 = (a + 1) - (a - 1) * cos - sq;
                break;
            }
        }
        return new BiquadCoefficients(b0 / a0, b1 / a0, b2 / a0, a1 / a0, a2 / a0);
    }
}
