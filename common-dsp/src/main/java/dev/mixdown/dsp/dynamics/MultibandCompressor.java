package dev.mixdown.dsp.dynamics;

import dev.mixdown.dsp.filter.Biquad;
import dev.mixdown.dsp.filter.LinkwitzRileyCrossover;
import dev.mixdown.dsp.processor.AudioProcessor;
import dev.mixdown.dsp.processor.ProcessSpec;

/**
 * Three-band compressor on Linkwitz-Riley crossovers: low | mid | high split at two frequencies,
 * one compressor per band, bands summed. The low band passes the upper crossover's allpass so
 * all three stay in phase and, with the compressors idle, the sum is flat.
 */
public final class MultibandCompressor implements AudioProcessor {
    private final LinkwitzRileyCrossover lowSplit;
    private final LinkwitzRileyCrossover highSplit;
    private final Biquad lowPhase;
    private final Compressor[] bands;
    private float[][] low;
    private float[][] rest;
    private float[][] mid;
    private float[][] high;

    /** {@code bands} are the compressors for low, mid and high, in that order. */
    public MultibandCompressor(double lowMidHz, double midHighHz, Compressor lowBand, Compressor midBand, Compressor highBand) {
        if (!(lowMidHz < midHighHz)) {
            throw new IllegalArgumentException("crossovers must rise: " + lowMidHz + " then " + midHighHz);
        }
        this.lowSplit = new LinkwitzRileyCrossover(lowMidHz);
        this.highSplit = new LinkwitzRileyCrossover(midHighHz);
        this.lowPhase = highSplit.matchingAllPass();
        this.bands = new Compressor[] {lowBand, midBand, highBand};
    }

    @Override
    public void prepare(ProcessSpec spec) {
        lowSplit.prepare(spec);
        highSplit.prepare(spec);
        lowPhase.prepare(spec);
        for (Compressor c : bands) {
            c.prepare(spec);
        }
        low = new float[spec.channels()][spec.maxBlockFrames()];
        rest = new float[spec.channels()][spec.maxBlockFrames()];
        mid = new float[spec.channels()][spec.maxBlockFrames()];
        high = new float[spec.channels()][spec.maxBlockFrames()];
    }

    @Override
    public void process(float[][] block, int offset, int frames) {
        for (int done = 0; done < frames; done += low[0].length) {
            int n = Math.min(low[0].length, frames - done);
            for (int ch = 0; ch < block.length; ch++) {
                System.arraycopy(block[ch], offset + done, rest[ch], 0, n);
            }
            lowSplit.split(rest, low, rest, 0, n);
            highSplit.split(rest, mid, high, 0, n);
            lowPhase.process(low, 0, n);
            bands[0].process(low, 0, n);
            bands[1].process(mid, 0, n);
            bands[2].process(high, 0, n);
            for (int ch = 0; ch < block.length; ch++) {
                float[] out = block[ch];
                float[] l = low[ch];
                float[] m = mid[ch];
                float[] h = high[ch];
                for (int i = 0; i < n; i++) {
                    out[offset + done + i] = l[i] + m[i] + h[i];
                }
            }
        }
    }

    @Override
    public void reset() {
        lowSplit.reset();
        highSplit.reset();
        lowPhase.reset();
        for (Compressor c : bands) {
            c.reset();
        }
    }

    /** The band compressors, low to high. */
    public Compressor[] bands() {
        return bands.clone();
    }

    public double lowMidHz() {
        return lowSplit.frequencyHz();
    }

    public double midHighHz() {
        return highSplit.frequencyHz();
    }
}
