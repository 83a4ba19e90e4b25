package dev.mixdown.dsp.util;

import java.util.Arrays;

/**
 * A growing list of doubles kept as primitives (one value per analysis frame or meter hop: 36,000
 * an hour at 10 per second); grows by doubling, so an append is amortised O(1).
 */
public final class DoubleSeries {
    private double[] values = new double[1024];
    private int size;

    public void add(double v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = v;
    }

    public int size() {
        return size;
    }

    public double get(int i) {
        return values[i];
    }

    /** The values so far, as a new array. */
    public double[] toArray() {
        return Arrays.copyOf(values, size);
    }

    public void clear() {
        size = 0;
    }
}
