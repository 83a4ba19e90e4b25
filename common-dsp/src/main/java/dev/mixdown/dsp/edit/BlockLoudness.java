package dev.mixdown.dsp.edit;

import dev.mixdown.dsp.meter.LoudnessMeter;

/**
 * The source's BS.1770 gating blocks (400 ms, every 100 ms, K-weighted), kept so that a planner
 * can tell the integrated loudness of an edit before rendering it: the edit's blocks are taken to
 * be the source blocks that lie wholly inside its segments (the few that straddle a join, and the
 * digital silence of padding, which the absolute gate drops anyway, are left out). Each estimate
 * applies both gates of BS.1770-4 (−70 LUFS absolute, −10 LU relative) and costs O(blocks kept).
 */
final class BlockLoudness {
    private static final double ABSOLUTE_GATE_LUFS = -70.0;
    private static final double RELATIVE_GATE_LU = -10.0;
    private static final int BLOCK_STEPS = 4;

    private final long stepFrames;
    /** Each block's loudness in LUFS (−∞ for digital silence) and as power, 10^(L/10). */
    private final double[] blockLufs;
    private final double[] blockPower;

    private BlockLoudness(long stepFrames, double[] blockLufs) {
        this.stepFrames = stepFrames;
        this.blockLufs = blockLufs;
        this.blockPower = new double[blockLufs.length];
        for (int i = 0; i < blockLufs.length; i++) {
            blockPower[i] = Math.pow(10, blockLufs[i] / 10);
        }
    }

    /** Measures {@code mix} (planar) with the same meter the reports use. */
    static BlockLoudness of(float[][] mix, int sampleRate) {
        LoudnessMeter meter = new LoudnessMeter();
        meter.prepare(sampleRate, mix.length);
        meter.accept(mix, 0, mix[0].length);
        return new BlockLoudness((sampleRate + 5) / 10, meter.momentaryLufs());
    }

    /**
     * Integrated loudness in LUFS of the source ranges {@code [starts[r], ends[r])} played one after
     * another, for r below {@code ranges}; −∞ when no block passes the absolute gate.
     */
    double integratedLufs(long[] starts, long[] ends, int ranges) {
        double sum = 0;
        int count = 0;
        for (int r = 0; r < ranges; r++) {
            for (int i = firstBlock(starts[r]), last = lastBlock(ends[r]); i <= last; i++) {
                if (blockLufs[i] > ABSOLUTE_GATE_LUFS) {
                    sum += blockPower[i];
                    count++;
                }
            }
        }
        if (count == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        double relativeGate = 10 * Math.log10(sum / count) + RELATIVE_GATE_LU;
        sum = 0;
        count = 0;
        for (int r = 0; r < ranges; r++) {
            for (int i = firstBlock(starts[r]), last = lastBlock(ends[r]); i <= last; i++) {
                if (blockLufs[i] > ABSOLUTE_GATE_LUFS && blockLufs[i] > relativeGate) {
                    sum += blockPower[i];
                    count++;
                }
            }
        }
        return count == 0 ? Double.NEGATIVE_INFINITY : 10 * Math.log10(sum / count);
    }

    /** The integrated loudness of the source range [start, end). */
    double integratedLufs(long start, long end) {
        return integratedLufs(new long[] {start}, new long[] {end}, 1);
    }

    /** The first block that starts at or after {@code frame}. */
    private int firstBlock(long frame) {
        return (int) Math.min(blockLufs.length, Math.max(0, (frame + stepFrames - 1) / stepFrames));
    }

    /** The last block that ends at or before {@code frame} (block i spans steps i to i + 3). */
    private int lastBlock(long frame) {
        return (int) Math.min(blockLufs.length - 1L, frame / stepFrames - BLOCK_STEPS);
    }
}
