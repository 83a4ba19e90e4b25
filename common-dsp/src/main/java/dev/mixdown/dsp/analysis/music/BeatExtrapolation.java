package dev.mixdown.dsp.analysis.music;

import java.util.Arrays;

/**
 * Carries a tracked beat sequence on at its own tempo to both ends of the music. The dynamic
 * programming tracker drops the weak beats of a quiet intro and of a ringing ending (their onsets
 * fall below its trimming threshold), yet the bars go on: a cutdown must be able to keep the
 * opening and join on downbeats near it, and its ending needs downbeats up to the end of the
 * music. Each end uses the median of its {@value #PERIOD_BEATS} nearest beat intervals, so one
 * misplaced beat does not skew the period.
 *
 * <p>Forward, beats are added while a whole beat fits before the end of the music (a beat is
 * only heard as one when the music lasts through it). Backward, they are added while they fall
 * after the end of the first momentary-loudness block (400 ms) that reaches the track's
 * integrated loudness minus {@value #AUDIBLE_BELOW_INTEGRATED_LU} LU, the relative gate of the
 * loudness range (EBU Tech 3342): before it there is only silence, noise or a faint fade-in.
 */
final class BeatExtrapolation {
    static final int PERIOD_BEATS = 8;
    static final double AUDIBLE_BELOW_INTEGRATED_LU = 20;
    private static final double BLOCK_HOP_SECONDS = 0.1;
    private static final double BLOCK_SECONDS = 0.4;

    private BeatExtrapolation() {
    }

    /** {@code beats} extended back to {@code startSeconds} and on towards {@code endSeconds}. */
    static double[] extend(double[] beats, double startSeconds, double endSeconds) {
        int n = beats.length;
        if (n < 2) {
            return beats;
        }
        double first = medianInterval(beats, 0);
        double last = medianInterval(beats, n - 1 - Math.min(PERIOD_BEATS, n - 1));
        int before = first > 0 ? (int) Math.max(0, Math.floor((beats[0] - startSeconds) / first)) : 0;
        int after = last > 0 ? (int) Math.max(0, Math.floor((endSeconds - beats[n - 1]) / last) - 1) : 0;
        double[] out = new double[before + n + after];
        for (int i = 0; i < before; i++) {
            out[i] = beats[0] - (before - i) * first;
        }
        System.arraycopy(beats, 0, out, before, n);
        for (int i = 0; i < after; i++) {
            out[before + n + i] = beats[n - 1] + (i + 1) * last;
        }
        return out;
    }

    /** When the music audibly starts: the end of the first momentary block within the gate of the integrated loudness. */
    static double audibleStartSeconds(double[] momentaryLufs, double integratedLufs) {
        double gate = integratedLufs - AUDIBLE_BELOW_INTEGRATED_LU;
        for (int i = 0; i < momentaryLufs.length; i++) {
            if (momentaryLufs[i] >= gate) {
                return i * BLOCK_HOP_SECONDS + BLOCK_SECONDS;
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    /** Median of the (up to) {@value #PERIOD_BEATS} intervals starting at beat {@code from}. */
    private static double medianInterval(double[] beats, int from) {
        int count = Math.min(PERIOD_BEATS, beats.length - 1 - from);
        double[] intervals = new double[count];
        for (int i = 0; i < count; i++) {
            intervals[i] = beats[from + i + 1] - beats[from + i];
        }
        Arrays.sort(intervals);
        return intervals[count / 2];
    }
}
