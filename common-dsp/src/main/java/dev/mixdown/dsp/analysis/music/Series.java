package dev.mixdown.dsp.analysis.music;

import java.util.Arrays;

/** A growing list of feature values (one per analysis frame); grows by doubling, so appends are amortised O(1). */
final class Series {
    private double[] values = new double[1024];
    private int size;

    void add(double v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = v;
    }

    int size() {
        return size;
    }

    double get(int i) {
        return values[i];
    }

    double[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
