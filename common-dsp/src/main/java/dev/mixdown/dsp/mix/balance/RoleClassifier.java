package dev.mixdown.dsp.mix.balance;

import dev.mixdown.dsp.mix.StemRole;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;

/**
 * A stem's role from its audio alone, for stems whose names say nothing ("Audio 03.wav"): a Tribuo
 * random forest of classification trees over {@link BalanceFeatures#AUDIO_FEATURES}, trained on the
 * same songs as the balance model with the names hidden, bundled as {@code role-model.tribuo}/{@code .txt}.
 */
public final class RoleClassifier {
    public static final String NAME = "role-model";
    private static volatile RoleClassifier bundled;
    private static volatile boolean bundledLoaded;

    private final Model<Label> model;
    private final String[] names;
    private final Map<String, String> facts;

    /** A role and the share of the forest's trees that voted for it. */
    public record Guess(StemRole role, double confidence) {
    }

    private RoleClassifier(Model<Label> model, Map<String, String> facts) {
        this.model = model;
        this.names = BalanceFeatures.AUDIO_FEATURES.toArray(new String[0]);
        this.facts = Collections.unmodifiableMap(new TreeMap<>(facts)); // sorted: the same file for the same facts
    }

    public static RoleClassifier of(Model<Label> model, Map<String, String> facts) {
        return new RoleClassifier(model, facts);
    }

    /** The classifier bundled with the engine, or null when none is (the engine's audio rules then decide). */
    public static RoleClassifier bundled() {
        if (!bundledLoaded) {
            synchronized (RoleClassifier.class) {
                if (!bundledLoaded) {
                    TreeModels.Loaded<Label> l = TreeModels.resource(NAME, Label.class);
                    bundled = l == null ? null : new RoleClassifier(l.model(), l.facts());
                    bundledLoaded = true;
                }
            }
        }
        return bundled;
    }

    public static RoleClassifier load(Path base) throws IOException {
        TreeModels.Loaded<Label> l = TreeModels.file(base, Label.class);
        return new RoleClassifier(l.model(), l.facts());
    }

    public void save(Path base) throws IOException {
        Map<String, String> all = new LinkedHashMap<>(facts);
        all.put("features", String.join(",", names));
        TreeModels.write(base, model, all);
    }

    public Map<String, String> facts() {
        return facts;
    }

    /** The most voted role for a row of {@link BalanceFeatures#audio} (ties: the first role in the enum). */
    public Guess guess(double[] audioRow) {
        Prediction<Label> p = model.predict(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, names, audioRow));
        StemRole best = null;
        double bestScore = -1;
        for (StemRole r : StemRole.values()) {
            Label l = p.getOutputScores().get(r.id());
            if (l != null && l.getScore() > bestScore) {
                best = r;
                bestScore = l.getScore();
            }
        }
        return best == null ? new Guess(StemRole.named(p.getOutput().getLabel()), p.getOutput().getScore())
                : new Guess(best, bestScore);
    }
}
