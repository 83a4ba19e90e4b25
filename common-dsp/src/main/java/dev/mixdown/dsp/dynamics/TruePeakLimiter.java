package dev.mixdown.dsp.dynamics;

import dev.mixdown.dsp.meter.PeakInterpolator;
import dev.mixdown.dsp.processor.AudioProcessor;
import dev.mixdown.dsp.processor.ProcessSpec;
import dev.mixdown.dsp.util.Decibels;

/**
 * A lookahead limiter that holds the true peak (BS.1770 inter-sample peak) under a ceiling.
 *
 * <p>Detection: for every input frame the largest absolute value of the 4× interpolated signal
 * around it, over all channels (stereo-linked). The gain each frame needs is ceiling / peak.
 * Smoothing: that gain is held at its minimum over the attack window, released exponentially, then
 * averaged over the attack window. Because the hold spans the averaging window, the smoothed gain
 * at a peak is never above what the peak needs, and gain changes are raised-ramp smooth (no
 * clicks). The audio is delayed to meet the gain: {@link #latencyFrames()} frames.
 */
public final class TruePeakLimiter implements AudioProcessor {
    private final double ceilingDbtp;
    private final double attackMs;
    private final double releaseMs;
    private final GainReductionStats stats = new GainReductionStats();

    private static final int CHUNK = 64;

    private int channels;
    private int maxBlock;
    private PeakInterpolator interpolator;
    private int half;
    private int attackFrames;
    private double releaseCoef;
    private double ceiling;

    /** Per channel: the last TAPS-1 input samples, then the current block, for interpolation. */
    private float[][] window;
    /** Per frame of the current block: the gain its true peak needs. */
    private double[] need;
    /** Interpolated values of one phase. */
    private float[] acc;
    /** Per channel: the audio delay line. */
    private float[][] delay;
    private int delayLength;
    private int delayPos;
    /** Running-min deque over the last attackFrames required gains. */
    private double[] minValues;
    private long[] minIndex;
    private int minHead;
    private int minSize;
    /** Moving average of the released gain. */
    private double[] avgRing;
    private int avgPos;
    private double avgSum;
    private double released;
    private long frame;

    public TruePeakLimiter(double ceilingDbtp, double attackMs, double releaseMs) {
        this.ceilingDbtp = ceilingDbtp;
        this.attackMs = attackMs;
        this.releaseMs = releaseMs;
    }

    @Override
    public void prepare(ProcessSpec spec) {
        channels = spec.channels();
        maxBlock = spec.maxBlockFrames();
        interpolator = new PeakInterpolator(PeakInterpolator.factorFor(spec.sampleRate()));
        half = PeakInterpolator.TAPS / 2;
        attackFrames = Math.max(1, (int) Math.round(attackMs * 0.001 * spec.sampleRate()));
        releaseCoef = Math.exp(-1.0 / (Math.max(releaseMs, 1) * 0.001 * spec.sampleRate()));
        ceiling = Decibels.toAmplitude(ceilingDbtp);
        window = new float[channels][PeakInterpolator.TAPS - 1 + maxBlock];
        need = new double[maxBlock];
        acc = new float[maxBlock];
        delayLength = half - 1 + attackFrames;
        delay = new float[channels][delayLength];
        minValues = new double[attackFrames + 2];
        minIndex = new long[attackFrames + 2];
        avgRing = new double[attackFrames];
        reset();
    }

    /** Output frame n is input frame n − latency; feed this many frames of silence at the end to flush. */
    @Override
    public int latencyFrames() {
        return delayLength;
    }

    @Override
    public void reset() {
        for (float[] w : window) {
            java.util.Arrays.fill(w, 0f);
        }
        for (float[] d : delay) {
            java.util.Arrays.fill(d, 0f);
        }
        delayPos = 0;
        minHead = 0;
        minSize = 0;
        java.util.Arrays.fill(avgRing, 1.0);
        avgPos = 0;
        avgSum = attackFrames;
        released = 1.0;
        frame = 0;
        stats.reset();
    }

    @Override
    public void process(float[][] block, int offset, int frames) {
        for (int done = 0; done < frames; done += maxBlock) {
            int n = Math.min(maxBlock, frames - done);
            detect(block, offset + done, n);
            applyGain(block, offset + done, n);
        }
    }

    /**
     * need[s] = ceiling / (largest |value| of the interpolated signal from frame s−half to the
     * frame after it, over all channels), at most 1.
     */
    private void detect(float[][] block, int offset, int n) {
        int history = PeakInterpolator.TAPS - 1;
        java.util.Arrays.fill(need, 0, n, 0.0); // holds the peak until the end of this method
        for (int ch = 0; ch < channels; ch++) {
            float[] w = window[ch];
            System.arraycopy(block[ch], offset, w, history, n);
            for (int s = 0; s < n; s++) {
                double a = Math.abs(w[s + half - 1]);
                if (a > need[s]) {
                    need[s] = a;
                }
            }
            for (int start = 0; start < n; start += CHUNK) {
                int len = Math.min(CHUNK, n - start);
                double bound = 0;
                for (int i = start, last = start + len + history; i < last; i++) {
                    bound = Math.max(bound, Math.abs(w[i]));
                }
                if (bound * interpolator.l1Norm <= ceiling) {
                    continue; // nothing here can reach the ceiling
                }
                for (float[] c : interpolator.coefficients) {
                    java.util.Arrays.fill(acc, start, start + len, 0f);
                    for (int j = 0; j < c.length; j++) {
                        float cj = c[j];
                        int base = j;
                        for (int s = start; s < start + len; s++) {
                            acc[s] += cj * w[base + s];
                        }
                    }
                    for (int s = start; s < start + len; s++) {
                        double y = Math.abs(acc[s]);
                        if (y > need[s]) {
                            need[s] = y;
                        }
                    }
                }
            }
            System.arraycopy(w, n, w, 0, history);
        }
        for (int s = 0; s < n; s++) {
            need[s] = need[s] > ceiling ? ceiling / need[s] : 1.0;
        }
    }

    private void applyGain(float[][] block, int offset, int n) {
        int holdFrames = attackFrames + 1;
        for (int s = 0; s < n; s++) {
            double g = need[s];
            // hold the minimum over attack + 1 frames (monotonic deque), so both segments next to a frame are covered
            while (minSize > 0 && minValues[(minHead + minSize - 1) % minValues.length] >= g) {
                minSize--;
            }
            int tail = (minHead + minSize) % minValues.length;
            minValues[tail] = g;
            minIndex[tail] = frame;
            minSize++;
            while (minIndex[minHead] <= frame - holdFrames) {
                minHead = (minHead + 1) % minValues.length;
                minSize--;
            }
            double held = minValues[minHead];
            // release upwards exponentially, fall at once
            released = held < released ? held : held + (released - held) * releaseCoef;
            // average over the attack window: a smooth ramp that arrives at the held value in time
            avgSum += released - avgRing[avgPos];
            avgRing[avgPos] = released;
            avgPos = avgPos + 1 == attackFrames ? 0 : avgPos + 1;
            double gain = Math.min(1.0, avgSum / attackFrames);
            stats.add(gain >= 1.0 ? 0.0 : -20 * Math.log10(gain));
            int i = offset + s;
            for (int ch = 0; ch < channels; ch++) {
                float[] d = delay[ch];
                float out = d[delayPos];
                d[delayPos] = block[ch][i];
                block[ch][i] = (float) (out * gain);
            }
            delayPos = delayPos + 1 == delayLength ? 0 : delayPos + 1;
            frame++;
        }
    }

    public GainReductionStats stats() {
        return stats;
    }

    public double ceilingDbtp() {
        return ceilingDbtp;
    }
}
