package dev.mixdown.balance;

import dev.mixdown.dsp.mix.balance.BalanceFeatures;
import java.util.Arrays;
import java.util.List;

/** Small helpers shared by training and cross-validation. */
final class Training {
    private Training() {
    }

    /** The median of every feature over the examples: the reference a feature is set to when explaining. */
    static double[] medians(List<Examples.Example> examples) {
        int f = BalanceFeatures.ALL_FEATURES.size();
        double[] out = new double[f];
        double[] column = new double[examples.size()];
        for (int j = 0; j < f; j++) {
            for (int i = 0; i < column.length; i++) {
                column[i] = examples.get(i).all()[j];
            }
            Arrays.sort(column);
            out[j] = column.length == 0 ? 0 : column[(column.length - 1) / 2];
        }
        return out;
    }
}
