package dev.mixdown.dsp.meter;

import dev.mixdown.dsp.filter.BiquadCoefficients;

/**
 * The K-weighting of ITU-R BS.1770-4: a high shelf (the head's acoustic effect) followed by the
 * RLB high-pass. BS.1770 tabulates both for 48 kHz only; here they are derived from the analogue
 * prototypes those tables come from (shelf at 1681.97 Hz, +4.00 dB; high-pass at 38.14 Hz), so
 * the filter is the same at every rate and reproduces the 48 kHz table to within 1e-9.
 */
public final class KWeighting {
    private static final double SHELF_HZ = 1681.974450955533;
    private static final double SHELF_GAIN_DB = 3.999843853973347;
    private static final double SHELF_Q = 0.7071752369554196;
    private static final double HIGHPASS_HZ = 38.13547087602444;
    private static final double HIGHPASS_Q = 0.5003270373238773;

    private KWeighting() {
    }

    /** Stage 1: the high shelf. */
    public static BiquadCoefficients shelf(double sampleRate) {
        double k = Math.tan(Math.PI * SHELF_HZ / sampleRate);
        double vh = Math.pow(10.0, SHELF_GAIN_DB / 20.0);
        double vb = Math.pow(vh, 0.4996667741545416);
        double a0 = 1.0 + k / SHELF_Q + k * k;
        return new BiquadCoefficients(
                (vh + vb * k / SHELF_Q + k * k) / a0,
                2.0 * (k * k - vh) / a0,
                (vh - vb * k / SHELF_Q + k * k) / a0,
                2.0 * (k * k - 1.0) / a0,
                (1.0 - k / SHELF_Q + k * k) / a0);
    }

    /** Stage 2: the RLB high-pass. */
    public static BiquadCoefficients highPass(double sampleRate) {
        double k = Math.tan(Math.PI * HIGHPASS_HZ / sampleRate);
        double a0 = 1.0 + k / HIGHPASS_Q + k * k;
        return new BiquadCoefficients(1.0, -2.0, 1.0,
                2.0 * (k * k - 1.0) / a0,
                (1.0 - k / HIGHPASS_Q + k * k) / a0);
    }
}
