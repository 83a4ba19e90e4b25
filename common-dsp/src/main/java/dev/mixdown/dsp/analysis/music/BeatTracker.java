package dev.mixdown.dsp.analysis.music;

/**
 * Beat tracking by dynamic programming (Ellis 2007, "Beat tracking by dynamic programming",
 * J. New Music Research 36(1), section 2): the beat sequence maximises the sum of the onset
 * strength at the beats minus {@value #TIGHTNESS}·log²(interval / period) per interval, solved by a
 * forward pass over predecessors between half and twice the period and a backtrace from the best
 * final frame. Beats in the weak head and tail (onset strength below half the root mean square at
 * the beats) are trimmed, as in the original. Each beat is refined to the vertex of a parabola
 * through the onset peak it sits on, for timing finer than a frame.
 */
final class BeatTracker {
    static final double TIGHTNESS = 100;

    private BeatTracker() {
    }

    /** Beat positions in (fractional) envelope frames, increasing; empty when none. */
    static double[] track(double[] envelope, double periodFrames) {
        int n = envelope.length;
        if (periodFrames < 2 || n < 2 * periodFrames) {
            return new double[0];
        }
        double[] local = smoothedNormalised(envelope, periodFrames);
        double[] score = new double[n];
        int[] back = new int[n];
        int nearest = (int) Math.round(periodFrames / 2);
        int farthest = (int) Math.round(2 * periodFrames);
        double[] penalty = new double[farthest + 1];
        for (int d = 1; d <= farthest; d++) {
            double l = Math.log(d / periodFrames);
            penalty[d] = TIGHTNESS * l * l;
        }
        for (int t = 0; t < n; t++) {
            double best = Double.NEGATIVE_INFINITY;
            int arg = -1;
            for (int d = nearest; d <= farthest && d <= t; d++) {
                double s = score[t - d] - penalty[d];
                if (s > best) {
                    best = s;
                    arg = t - d;
                }
            }
            if (arg >= 0 && best > 0) {
                score[t] = local[t] + best;
                back[t] = arg;
            } else {
                score[t] = local[t];
                back[t] = -1;
            }
        }
        int end = n - 1;
        for (int t = Math.max(0, n - (int) Math.round(periodFrames)); t < n; t++) {
            if (score[t] > score[end]) {
                end = t;
            }
        }
        int count = 0;
        for (int t = end; t >= 0; t = back[t]) {
            count++;
        }
        int[] beats = new int[count];
        int i = count;
        for (int t = end; t >= 0; t = back[t]) {
            beats[--i] = t;
        }
        return refineAndTrim(beats, local);
    }

    private static double[] refineAndTrim(int[] beats, double[] local) {
        if (beats.length == 0) {
            return new double[0];
        }
        double sum = 0;
        for (int b : beats) {
            sum += local[b] * local[b];
        }
        double threshold = 0.5 * Math.sqrt(sum / beats.length);
        int first = 0;
        while (first < beats.length && local[beats[first]] < threshold) {
            first++;
        }
        int last = beats.length - 1;
        while (last >= first && local[beats[last]] < threshold) {
            last--;
        }
        if (last < first) {
            return new double[0];
        }
        double[] out = new double[last - first + 1];
        for (int k = first; k <= last; k++) {
            int t = beats[k];
            double position = t;
            if (t > 0 && t < local.length - 1 && local[t] >= local[t - 1] && local[t] >= local[t + 1]) {
                double a = local[t - 1];
                double b = local[t];
                double c = local[t + 1];
                double denominator = a - 2 * b + c;
                if (denominator < 0) {
                    position = t + Math.max(-0.5, Math.min(0.5, 0.5 * (a - c) / denominator));
                }
            }
            out[k - first] = position;
        }
        return out;
    }

    /** The envelope divided by its standard deviation and smoothed by a Gaussian of σ = period/32 (at least 0.5 frames). */
    static double[] smoothedNormalised(double[] envelope, double periodFrames) {
        int n = envelope.length;
        double mean = 0;
        for (double v : envelope) {
            mean += v;
        }
        mean /= n;
        double var = 0;
        for (double v : envelope) {
            var += (v - mean) * (v - mean);
        }
        double std = Math.sqrt(var / n);
        double scale = std > 1e-12 ? 1 / std : 0;
        double sigma = Math.max(0.5, periodFrames / 32);
        int radius = (int) Math.ceil(3 * sigma);
        double[] kernel = new double[2 * radius + 1];
        double norm = 0;
        for (int k = -radius; k <= radius; k++) {
            kernel[k + radius] = Math.exp(-0.5 * k * k / (sigma * sigma));
            norm += kernel[k + radius];
        }
        double[] out = new double[n];
        for (int t = 0; t < n; t++) {
            double s = 0;
            for (int k = -radius; k <= radius; k++) {
                int j = t + k;
                if (j >= 0 && j < n) {
                    s += kernel[k + radius] * envelope[j];
                }
            }
            out[t] = s / norm * scale;
        }
        return out;
    }
}
