package dev.mixdown.dsp.analysis.music;

/**
 * Integrated loudness of a stretch of a track from the momentary loudness series of the whole
 * track (400 ms blocks every 100 ms, as {@link dev.mixdown.dsp.meter.LoudnessMeter#momentaryLufs()}
 * gives them): the blocks that lie inside the stretch are gated at −70 LUFS and then at −10 LU
 * below their mean, as ITU-R BS.1770-4 gates a whole programme.
 */
final class SegmentLoudness {
    private static final double BLOCK_HOP_SECONDS = 0.1;
    private static final double BLOCK_SECONDS = 0.4;

    private SegmentLoudness() {
    }

    /** Loudness in LUFS of [start, end) seconds; NaN when no block above −70 LUFS lies in it. */
    static double integratedLufs(double[] momentaryLufs, double startSeconds, double endSeconds) {
        int first = (int) Math.ceil(startSeconds / BLOCK_HOP_SECONDS - 1e-9);
        int last = (int) Math.floor((endSeconds - BLOCK_SECONDS) / BLOCK_HOP_SECONDS + 1e-9);
        if (last < first) {
            // shorter than one block: the block closest to its middle
            int middle = (int) Math.round(((startSeconds + endSeconds) / 2 - BLOCK_SECONDS / 2) / BLOCK_HOP_SECONDS);
            first = Math.max(0, Math.min(momentaryLufs.length - 1, middle));
            last = first;
        }
        first = Math.max(0, first);
        last = Math.min(momentaryLufs.length - 1, last);
        double mean = gatedMean(momentaryLufs, first, last, -70);
        if (Double.isNaN(mean)) {
            return Double.NaN;
        }
        double gated = gatedMean(momentaryLufs, first, last, Math.max(-70, toLufs(mean) - 10));
        return Double.isNaN(gated) ? Double.NaN : toLufs(gated);
    }

    private static double gatedMean(double[] lufs, int first, int last, double gateLufs) {
        double sum = 0;
        int count = 0;
        for (int i = first; i <= last; i++) {
            if (lufs[i] > gateLufs) {
                sum += Math.pow(10, lufs[i] / 10);
                count++;
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    private static double toLufs(double energy) {
        return 10 * Math.log10(energy);
    }
}
