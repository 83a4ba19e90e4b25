package dev.mixdown.dsp.filter;

import dev.mixdown.dsp.processor.ProcessSpec;

/**
 * A 4th-order Linkwitz-Riley two-way split: each output is two cascaded Butterworth sections
 * (Q = 1/√2), so low + high is an allpass: the bands sum to a flat magnitude.
 */
public final class LinkwitzRileyCrossover {
    private static final double BUTTERWORTH_Q = Math.sqrt(0.5);
    private final double frequencyHz;
    private final Biquad low1;
    private final Biquad low2;
    private final Biquad high1;
    private final Biquad high2;

    public LinkwitzRileyCrossover(double frequencyHz) {
        this.frequencyHz = frequencyHz;
        low1 = new Biquad(BiquadShape.LOW_PASS, frequencyHz, BUTTERWORTH_Q, 0);
        low2 = new Biquad(BiquadShape.LOW_PASS, frequencyHz, BUTTERWORTH_Q, 0);
        high1 = new Biquad(BiquadShape.HIGH_PASS, frequencyHz, BUTTERWORTH_Q, 0);
        high2 = new Biquad(BiquadShape.HIGH_PASS, frequencyHz, BUTTERWORTH_Q, 0);
    }

    public void prepare(ProcessSpec spec) {
        low1.prepare(spec);
        low2.prepare(spec);
        high1.prepare(spec);
        high2.prepare(spec);
    }

    public void reset() {
        low1.reset();
        low2.reset();
        high1.reset();
        high2.reset();
    }

    public double frequencyHz() {
        return frequencyHz;
    }

    /**
     * Splits {@code in} into {@code low} and {@code high} (both overwritten; {@code in} may be
     * the same array as {@code low} or {@code high} only if copied first by the caller).
     */
    public void split(float[][] in, float[][] low, float[][] high, int offset, int frames) {
        for (int ch = 0; ch < in.length; ch++) {
            System.arraycopy(in[ch], offset, low[ch], offset, frames);
            System.arraycopy(in[ch], offset, high[ch], offset, frames);
        }
        low1.process(low, offset, frames);
        low2.process(low, offset, frames);
        high1.process(high, offset, frames);
        high2.process(high, offset, frames);
    }

    /** Magnitude of the low output at {@code hz}. */
    public double lowMagnitudeAt(double hz, double sampleRate) {
        double m = BiquadShape.LOW_PASS.design(sampleRate, frequencyHz, BUTTERWORTH_Q, 0).magnitudeAt(hz, sampleRate);
        return m * m;
    }

    /** Magnitude of the high output at {@code hz}. */
    public double highMagnitudeAt(double hz, double sampleRate) {
        double m = BiquadShape.HIGH_PASS.design(sampleRate, frequencyHz, BUTTERWORTH_Q, 0).magnitudeAt(hz, sampleRate);
        return m * m;
    }

    /** An allpass with the phase of this crossover's summed outputs, to keep other bands aligned. */
    public Biquad matchingAllPass() {
        return new Biquad(BiquadShape.ALL_PASS, frequencyHz, BUTTERWORTH_Q, 0);
    }
}
