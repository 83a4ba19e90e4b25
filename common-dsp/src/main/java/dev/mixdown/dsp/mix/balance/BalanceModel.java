package dev.mixdown.dsp.mix.balance;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tribuo.Model;
import org.tribuo.impl.ArrayExample;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

/**
 * The balance learned from human mixes: for each stem, its active loudness relative to the mean
 * active loudness of the song's stems (LU), from {@link BalanceFeatures#ALL_FEATURES}. A Tribuo
 * random forest of regression trees (ADR 0011), trained by the {@code balance-model} module and
 * bundled as {@code balance-model.tribuo}/{@code .txt}. Prediction is deterministic and takes
 * microseconds per stem.
 *
 * <p>The features say nothing of level, but the level a stem comes in at often does: stems are
 * usually bounced from the session they were balanced in. The answer is therefore a blend
 * ({@link #level}) of the forest's prediction and the stem's given level relative to the others,
 * with the weight chosen by cross-validation ({@code given_level_weight} in the facts file).
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

    /** The reason that stands for the given level's pull in {@link #reasons(double[], double, int)}. */
    public static final String GIVEN_LEVEL = "level as given";
    private static final String WEIGHT_FACT = "given_level_weight";

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
        this.facts = Collections.unmodifiableMap(new TreeMap<>(facts)); // sorted: the same file for the same facts
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

    /** The blend of an audio prediction and a given level, both relative to the mean of the song's stems. */
    public static double blend(double audioLu, double givenLu, double givenWeight) {
        return (1 - givenWeight) * audioLu + givenWeight * givenLu;
    }

    /** How much the given level counts, 0 (not at all) to 1 (the stems are summed as they come). */
    public double blendWeight() {
        return Double.parseDouble(facts.getOrDefault(WEIGHT_FACT, "0"));
    }

    /** This model with another blend weight. */
    public BalanceModel withBlendWeight(double weight) {
        Map<String, String> f = new LinkedHashMap<>(facts);
        f.put(WEIGHT_FACT, Double.toString(weight));
        return new BalanceModel(model, reference, f);
    }

    /**
     * The stem's level relative to the mean of the song's stems, LU.
     *
     * @param givenLu the stem's active loudness as given, relative to the mean of the song's stems
     */
    public double level(double[] row, double givenLu) {
        return blend(predict(row), givenLu, blendWeight());
    }

    /** The forest's prediction from the audio alone: relative to the mean of the song's stems, LU. */
    public double predict(double[] row) {
        return model.predict(new ArrayExample<>(RegressionFactory.UNKNOWN_REGRESSOR, names, row)).getOutput().getValues()[0];
    }

    /**
     * The {@code top} reasons that moved this stem's {@link #level} most, largest first: feature
     * groups (their pull on the forest, scaled by the forest's share of the blend) and the given level.
     */
    public List<Contribution> reasons(double[] row, double givenLu, int top) {
        double w = blendWeight();
        double base = predict(row);
        List<Contribution> out = new ArrayList<>();
        double pull = level(row, givenLu) - base;
        if (Math.abs(pull) >= 0.05) {
            out.add(new Contribution(GIVEN_LEVEL, Math.round(pull * 10) / 10.0));
        }
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            groups.computeIfAbsent(BalanceFeatures.group(names[i]), g -> new ArrayList<>()).add(i);
        }
        for (Map.Entry<String, List<Integer>> g : groups.entrySet()) {
            double[] moved = row.clone();
            for (int i : g.getValue()) {
                moved[i] = reference[i];
            }
            double delta = (1 - w) * (base - predict(moved));
            if (Math.abs(delta) >= 0.05) {
                out.add(new Contribution(g.getKey(), Math.round(delta * 10) / 10.0));
            }
        }
        out.sort(Comparator.comparingDouble((Contribution c) -> -Math.abs(c.lu())).thenComparing(Contribution::feature));
        return out.subList(0, Math.min(top, out.size()));
    }
}
