package dev.mixdown.dsp.mix.balance;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.Model;
import org.tribuo.impl.ArrayExample;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

/**
 * The balance learned from human mixes: for each stem, its active loudness relative to the mean
 * active loudness of the song's stems (LU), from {@link BalanceFeatures#ALL_FEATURES}. A Tribuo
 * random forest of regression trees (ADR 0009), trained by the {@code balance-model} module and
 * bundled as {@code balance-model.tribuo}/{@code .txt}. Prediction is deterministic and takes
 * microseconds per stem.
 *
 * <p>The reasons for a prediction are found by perturbation: each group of features in turn is
 * set to the training set's median and the change of the prediction is that group's contribution.
 */
public final class BalanceModel {
    public static final String NAME = "balance-model";
    private static volatile BalanceModel bundled;
    private static volatile boolean bundledLoaded;

    private final Model<Regressor> model;
    private final String[] names;
    private final double[] reference;
    private final Map<String, String> facts;

    /** One reason for a prediction: a feature group and how many LU it moved the stem. */
    public record Contribution(String feature, double lu) {
    }

    private BalanceModel(Model<Regressor> model, double[] reference, Map<String, String> facts) {
        this.model = model;
        this.names = BalanceFeatures.ALL_FEATURES.toArray(new String[0]);
        if (reference.length != names.length) {
            throw new IllegalArgumentException("the reference values have " + reference.length + " features, the model reads "
                    + names.length);
        }
        this.reference = reference.clone();
        this.facts = Map.copyOf(facts);
    }

    /** A freshly trained model; {@code reference} holds the training set's median of every feature. */
    public static BalanceModel of(Model<Regressor> model, double[] reference, Map<String, String> facts) {
        return new BalanceModel(model, reference, facts);
    }

    /** The model bundled with the engine, or null when none is (the role table then stages gain). */
    public static BalanceModel bundled() {
        if (!bundledLoaded) {
            synchronized (BalanceModel.class) {
                if (!bundledLoaded) {
                    TreeModels.Loaded<Regressor> l = TreeModels.resource(NAME, Regressor.class);
                    bundled = l == null ? null : new BalanceModel(l.model(), l.doubles("reference"), l.facts());
                    bundledLoaded = true;
                }
            }
        }
        return bundled;
    }

    /** A model written by {@link #save}; {@code base} is the path without extension. */
    public static BalanceModel load(Path base) throws IOException {
        TreeModels.Loaded<Regressor> l = TreeModels.file(base, Regressor.class);
        return new BalanceModel(l.model(), l.doubles("reference"), l.facts());
    }

    public void save(Path base) throws IOException {
        Map<String, String> all = new LinkedHashMap<>(facts);
        all.put("features", String.join(",", names));
        StringBuilder ref = new StringBuilder();
        for (int i = 0; i < reference.length; i++) {
            ref.append(i == 0 ? "" : ",").append(reference[i]);
        }
        all.put("reference", ref.toString());
        TreeModels.write(base, model, all);
    }

    /** What the model says about how it was trained (data, cross-validated error). */
    public Map<String, String> facts() {
        return facts;
    }

    /** The stem's loudness relative to the mean of the song's stems, LU. */
    public double predict(double[] row) {
        return model.predict(new ArrayExample<>(RegressionFactory.UNKNOWN_REGRESSOR, names, row)).getOutput().getValues()[0];
    }

    /** The {@code top} feature groups that moved this stem's prediction most, largest first. */
    public List<Contribution> reasons(double[] row, int top) {
        double base = predict(row);
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            groups.computeIfAbsent(BalanceFeatures.group(names[i]), g -> new ArrayList<>()).add(i);
        }
        List<Contribution> out = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> g : groups.entrySet()) {
            double[] moved = row.clone();
            for (int i : g.getValue()) {
                moved[i] = reference[i];
            }
            double delta = base - predict(moved);
            if (Math.abs(delta) >= 0.05) {
                out.add(new Contribution(g.getKey(), Math.round(delta * 10) / 10.0));
            }
        }
        out.sort(Comparator.comparingDouble((Contribution c) -> -Math.abs(c.lu())).thenComparing(Contribution::feature));
        return out.subList(0, Math.min(top, out.size()));
    }
}
