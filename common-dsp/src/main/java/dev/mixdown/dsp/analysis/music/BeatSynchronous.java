package dev.mixdown.dsp.analysis.music;

/**
 * Beat- or bar-synchronous averaging of frame features (Bartsch &amp; Wakefield 2001; Ellis &amp;
 * Poliner 2007, "Identifying cover songs with chroma features and dynamic programming beat
 * tracking"): each interval between consecutive boundaries gets the mean of the frames whose
 * centres fall inside it, or the frame nearest its middle when none does.
 */
final class BeatSynchronous {
    private BeatSynchronous() {
    }

    /**
     * @param frames           frame features, frames × dimensions
     * @param firstCentreSeconds time of frame 0's centre
     * @param hopSeconds       time between frames
     * @param boundariesSeconds k + 1 increasing times delimiting k intervals
     */
    static double[][] average(double[][] frames, double firstCentreSeconds, double hopSeconds, double[] boundariesSeconds) {
        int k = Math.max(0, boundariesSeconds.length - 1);
        int dims = frames.length == 0 ? 12 : frames[0].length;
        double[][] out = new double[k][dims];
        if (frames.length == 0) {
            return out;
        }
        for (int i = 0; i < k; i++) {
            int first = (int) Math.ceil((boundariesSeconds[i] - firstCentreSeconds) / hopSeconds);
            int last = (int) Math.ceil((boundariesSeconds[i + 1] - firstCentreSeconds) / hopSeconds) - 1;
            first = Math.max(0, first);
            last = Math.min(frames.length - 1, last);
            if (last < first) {
                int middle = (int) Math.round(((boundariesSeconds[i] + boundariesSeconds[i + 1]) / 2 - firstCentreSeconds) / hopSeconds);
                first = Math.max(0, Math.min(frames.length - 1, middle));
                last = first;
            }
            for (int f = first; f <= last; f++) {
                for (int d = 0; d < dims; d++) {
                    out[i][d] += frames[f][d];
                }
            }
            for (int d = 0; d < dims; d++) {
                out[i][d] /= last - first + 1;
            }
        }
        return out;
    }
}
