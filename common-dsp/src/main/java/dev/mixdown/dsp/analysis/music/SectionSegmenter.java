package dev.mixdown.dsp.analysis.music;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sections from bar-synchronous features: a self-similarity matrix of bars (cosine similarity of
 * their mean chroma, damped by their loudness difference), Foote's novelty (Foote 2000,
 * "Automatic audio segmentation using a measure of audio novelty": a Gaussian-tapered checkerboard
 * kernel slid along the diagonal) with boundaries at its strongest peaks at least
 * {@value #MIN_SECTION_BARS} bars apart, then labels by repetition and loudness (as in the
 * repetition-based labelling surveyed by Paulus, Müller &amp; Klapuri 2010, "Audio-based music
 * structure analysis"): sections alike in harmony and level share a letter; a quiet or unrepeated
 * short first or last section is the intro or the ending; a middle section much quieter than the
 * whole track is a breakdown.
 */
final class SectionSegmenter {
    static final int MIN_SECTION_BARS = 4;
    private static final int KERNEL_HALF_BARS = 4;
    /** A boundary's novelty is a local maximum (within two bars) at least this many times the median. */
    private static final double PEAK_OVER_MEDIAN = 1.1;
    private static final double LOUDNESS_SCALE_LU = 6;
    private static final double SAME_CHROMA = 0.6;
    private static final double SAME_LOUDNESS_LU = 3;

    private SectionSegmenter() {
    }

    /** Bar-by-bar similarity, 0 to 1. */
    static double[][] similarity(double[][] barChroma, double[] barLoudnessLufs) {
        int n = barChroma.length;
        double[][] unit = new double[n][];
        for (int i = 0; i < n; i++) {
            unit[i] = unitVector(barChroma[i]);
        }
        double[][] s = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double cos = dot(unit[i], unit[j]);
                double li = Double.isNaN(barLoudnessLufs[i]) ? -70 : barLoudnessLufs[i];
                double lj = Double.isNaN(barLoudnessLufs[j]) ? -70 : barLoudnessLufs[j];
                double v = Math.max(0, cos) * Math.exp(-Math.abs(li - lj) / LOUDNESS_SCALE_LU);
                s[i][j] = v;
                s[j][i] = v;
            }
        }
        return s;
    }

    /** Boundary bar indices (excluding 0 and n), increasing. */
    static int[] boundaries(double[][] similarity) {
        int n = similarity.length;
        int minBars = n >= 4 * MIN_SECTION_BARS ? MIN_SECTION_BARS : Math.max(2, n / 4);
        if (n < 2 * minBars) {
            return new int[0];
        }
        double[] novelty = novelty(similarity);
        double[] interior = Arrays.copyOfRange(novelty, 1, n);
        Arrays.sort(interior);
        double threshold = PEAK_OVER_MEDIAN * interior[interior.length / 2];
        List<Integer> peaks = new ArrayList<>();
        for (int b = 1; b < n; b++) {
            boolean localMax = true;
            for (int c = Math.max(1, b - 2); c <= Math.min(n - 1, b + 2); c++) {
                if (novelty[c] > novelty[b] || (novelty[c] == novelty[b] && c < b)) {
                    localMax = false;
                    break;
                }
            }
            if (localMax) {
                peaks.add(b);
            }
        }
        Integer[] order = peaks.toArray(new Integer[0]);
        Arrays.sort(order, (x, y) -> novelty[y] != novelty[x] ? Double.compare(novelty[y], novelty[x]) : Integer.compare(x, y));
        List<Integer> chosen = new ArrayList<>();
        for (int b : order) {
            if (novelty[b] <= threshold || novelty[b] <= 0) {
                break;
            }
            if (b < minBars || n - b < minBars) {
                continue;
            }
            boolean farEnough = true;
            for (int c : chosen) {
                if (Math.abs(c - b) < minBars) {
                    farEnough = false;
                    break;
                }
            }
            if (farEnough) {
                chosen.add(b);
            }
        }
        return chosen.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    /** Foote novelty at each bar boundary b (between bars b-1 and b). */
    static double[] novelty(double[][] s) {
        int n = s.length;
        double[] out = new double[n + 1];
        double sigma = KERNEL_HALF_BARS / 2.0;
        // normalised by the whole kernel's weight: near the ends, where part of the kernel falls
        // outside the track, the novelty is smaller instead of inflated
        double fullWeight = 0;
        for (int i = -KERNEL_HALF_BARS; i < KERNEL_HALF_BARS; i++) {
            for (int j = -KERNEL_HALF_BARS; j < KERNEL_HALF_BARS; j++) {
                fullWeight += Math.exp(-((i + 0.5) * (i + 0.5) + (j + 0.5) * (j + 0.5)) / (2 * sigma * sigma));
            }
        }
        for (int b = 1; b < n; b++) {
            double sum = 0;
            for (int i = -KERNEL_HALF_BARS; i < KERNEL_HALF_BARS; i++) {
                for (int j = -KERNEL_HALF_BARS; j < KERNEL_HALF_BARS; j++) {
                    int x = b + i;
                    int y = b + j;
                    if (x < 0 || y < 0 || x >= n || y >= n) {
                        continue;
                    }
                    double di = i + 0.5;
                    double dj = j + 0.5;
                    double w = Math.exp(-(di * di + dj * dj) / (2 * sigma * sigma));
                    double sign = (i < 0) == (j < 0) ? 1 : -1;
                    sum += sign * w * s[x][y];
                }
            }
            out[b] = sum / fullWeight;
        }
        return out;
    }

    /**
     * Sections between bar boundaries.
     *
     * @param barStartSeconds n + 1 times: the start of each bar and the end of the last
     */
    static List<Section> sections(double[][] barChroma, double[] barLoudnessLufs, double[] barStartSeconds,
            double[] momentaryLufs) {
        int n = barChroma.length;
        List<Section> out = new ArrayList<>();
        if (n == 0) {
            return out;
        }
        int[] cuts = boundaries(similarity(barChroma, barLoudnessLufs));
        int[] edges = new int[cuts.length + 2];
        edges[0] = 0;
        System.arraycopy(cuts, 0, edges, 1, cuts.length);
        edges[edges.length - 1] = n;
        int count = edges.length - 1;
        double[][] chroma = new double[count][12];
        double[] loudness = new double[count];
        for (int k = 0; k < count; k++) {
            for (int b = edges[k]; b < edges[k + 1]; b++) {
                double[] u = unitVector(barChroma[b]);
                for (int c = 0; c < 12; c++) {
                    chroma[k][c] += u[c];
                }
            }
            loudness[k] = SegmentLoudness.integratedLufs(momentaryLufs, barStartSeconds[edges[k]], barStartSeconds[edges[k + 1]]);
        }
        // Sections are compared by their chroma minus the track's mean chroma, so what every bar shares
        // (drums, a drone) does not make all sections look alike.
        double[] mean = new double[12];
        for (double[] bar : barChroma) {
            double[] u = unitVector(bar);
            for (int c = 0; c < 12; c++) {
                mean[c] += u[c] / n;
            }
        }
        for (int k = 0; k < count; k++) {
            int bars = edges[k + 1] - edges[k];
            for (int c = 0; c < 12; c++) {
                chroma[k][c] = chroma[k][c] / bars - mean[c];
            }
            chroma[k] = unitVector(chroma[k]);
        }
        int[] group = new int[count];
        int groups = 0;
        for (int k = 0; k < count; k++) {
            group[k] = -1;
            for (int m = 0; m < k; m++) {
                if (dot(chroma[k], chroma[m]) >= SAME_CHROMA && sameLoudness(loudness[k], loudness[m])) {
                    group[k] = group[m];
                    break;
                }
            }
            if (group[k] < 0) {
                group[k] = groups++;
            }
        }
        double median = SegmentLoudness.integratedLufs(momentaryLufs, 0, barStartSeconds[n]);
        String[] labels = new String[count];
        if (count >= 3) {
            if (special(0, edges, group, loudness, median)) {
                labels[0] = "intro";
            }
            if (special(count - 1, edges, group, loudness, median)) {
                labels[count - 1] = "ending";
            }
            for (int k = 1; k < count - 1; k++) {
                if (!Double.isNaN(median) && (Double.isNaN(loudness[k]) || loudness[k] < median - 4)) {
                    labels[k] = "breakdown";
                }
            }
        }
        int[] letterOfGroup = new int[groups];
        Arrays.fill(letterOfGroup, -1);
        int letters = 0;
        for (int k = 0; k < count; k++) {
            if (labels[k] != null) {
                continue;
            }
            if (letterOfGroup[group[k]] < 0) {
                letterOfGroup[group[k]] = letters++;
            }
            labels[k] = letterName(letterOfGroup[group[k]]);
        }
        for (int k = 0; k < count; k++) {
            out.add(new Section(barStartSeconds[edges[k]], barStartSeconds[edges[k + 1]], labels[k], loudness[k]));
        }
        return out;
    }

    private static boolean special(int k, int[] edges, int[] group, double[] loudness, double median) {
        if (Double.isNaN(loudness[k])) {
            return true;
        }
        if (!Double.isNaN(median) && loudness[k] < median - 2) {
            return true;
        }
        int repeats = 0;
        for (int g : group) {
            if (g == group[k]) {
                repeats++;
            }
        }
        return repeats == 1 && edges[k + 1] - edges[k] <= 8;
    }

    private static boolean sameLoudness(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return Double.isNaN(a) && Double.isNaN(b);
        }
        return Math.abs(a - b) < SAME_LOUDNESS_LU;
    }

    private static String letterName(int index) {
        return index < 26 ? String.valueOf((char) ('A' + index)) : "S" + (index + 1);
    }

    static double[] unitVector(double[] v) {
        double norm = 0;
        for (double x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        double[] out = new double[v.length];
        if (norm > 0) {
            for (int i = 0; i < v.length; i++) {
                out[i] = v[i] / norm;
            }
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
