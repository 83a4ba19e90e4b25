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
        int ch = 0;
        // two channels per loop: two independent recursions keep the core busy while each waits on its own
        for (; ch + 1 < z1.length; ch += 2) {
            processPair(block[ch], block[ch + 1], ch, offset, frames);
        }
        if (ch < z1.length) {
            processOne(block[ch], ch, offset, frames);
        }
    }

    private void processPair(float[] x, float[] w, int ch, int offset, int frames) {
        double b0 = coefficients.b0();
        double b1 = coefficients.b1();
        double b2 = coefficients.b2();
        double a1 = coefficients.a1();
        double a2 = coefficients.a2();
        double s1 = z1[ch];
        double s2 = z2[ch];
        double t1 = z1[ch + 1];
        double t2 = z2[ch + 1];
        for (int i = offset, end = offset + frames; i < end; i++) {
            double in = x[i];
            double jn = w[i];
            double y = b0 * in + s1;
            double v = b0 * jn + t1;
            s1 = b1 * in - a1 * y + s2;
            t1 = b1 * jn - a1 * v + t2;
            s2 = b2 * in - a2 * y;
            t2 = b2 * jn - a2 * v;
            x[i] = (float) y;
            w[i] = (float) v;
        }
        z1[ch] = flush(s1);
        z2[ch] = flush(s2);
        z1[ch + 1] = flush(t1);
        z2[ch + 1] = flush(t2);
    }

    private void processOne(float[] x, int ch, int offset, int frames) {
        double b0 = coefficients.b0();
        double b1 = coefficients.b1();
        double b2 = coefficients.b2();
        double a1 = coefficients.a1();
        double a2 = coefficients.a2();
        double s1 = z1[ch];
        double s2 = z2[ch];
        for (int i = offset, end = offset + frames; i < end; i++) {
            double in = x[i];
            double y = b0 * in + s1;
            s1 = b1 * in - a1 * y + s2;
            s2 = b2 * in - a2 * y;
            x[i] = (float) y;
        }
        z1[ch] = flush(s1);
        z2[ch] = flush(s2);
    }

    /** Flushes state that has decayed into the denormal range, which is slow on most CPUs. */
    private static double flush(double s) {
        return Math.abs(s) < 1e-30 ? 0 : s;
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
