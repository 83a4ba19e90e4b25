package dev.mixdown.dsp.filter;

import dev.mixdown.dsp.processor.AudioProcessor;
import dev.mixdown.dsp.processor.ProcessSpec;

/**
 * One second-order section on every channel (transposed direct form II, double state).
 * Coefficients are derived from shape, frequency, Q and gain in {@link #prepare}, for any rate.
 */
public final class Biquad implements AudioProcessor {
    private final BiquadShape shape;
    private final double frequencyHz;
    private final double q;
    private final double gainDb;
    private BiquadCoefficients coefficients;
    private double[] z1;
    private double[] z2;

    public Biquad(BiquadShape shape, double frequencyHz, double q, double gainDb) {
        this.shape = shape;
        this.frequencyHz = frequencyHz;
        this.q = q;
        this.gainDb = gainDb;
    }

    @Override
    public void prepare(ProcessSpec spec) {
        coefficients = shape.design(spec.sampleRate(), frequencyHz, q, gainDb);
        z1 = new double[spec.channels()];
        z2 = new double[spec.channels()];
    }

    /** The coefficients in use (after {@link #prepare}). */
    public BiquadCoefficients coefficients() {
        return coefficients;
    }

    @Override
    public void process(float[][] block, int offset, int frames) {
        double b0 = coefficients.b0();
        double b1 = coefficients.b1();
        double b2 = coefficients.b2();
        double a1 = coefficients.a1();
        double a2 = coefficients.a2();
        for (int ch = 0; ch < z1.length; ch++) {
            float[] x = block[ch];
            double s1 = z1[ch];
            double s2 = z2[ch];
            for (int i = offset, end = offset + frames; i < end; i++) {
                double in = x[i];
                double y = b0 * in + s1;
                s1 = b1 * in - a1 * y + s2;
                s2 = b2 * in - a2 * y;
                x[i] = (float) y;
            }
            z1[ch] = Math.abs(s1) < 1e-30 ? 0 : s1;
            z2[ch] = Math.abs(s2) < 1e-30 ? 0 : s2;
        }
    }

    @Override
    public void reset() {
        java.util.Arrays.fill(z1, 0);
        java.util.Arrays.fill(z2, 0);
    }

    public BiquadShape shape() {
        return shape;
    }

    public double frequencyHz() {
        return frequencyHz;
    }

    public double q() {
        return q;
    }

    public double gainDb() {
        return gainDb;
    }
}
