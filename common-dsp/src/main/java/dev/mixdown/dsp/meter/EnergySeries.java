package dev.mixdown.dsp.meter;

import java.util.Arrays;

/** A growing list of block energies (one per 100 ms hop), kept as primitives: 36,000 per hour. */
final class EnergySeries {
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

    void clear() {
        size = 0;
    }
}
