package dev.mixdown.balance;

import dev.mixdown.dsp.mix.balance.BalanceFeatures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.dtree.impurity.GiniIndex;
import org.tribuo.classification.ensemble.VotingCombiner;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.datasource.ListDataSource;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.ensemble.AveragingCombiner;
import org.tribuo.regression.rtree.CARTRegressionTrainer;
import org.tribuo.regression.rtree.impurity.MeanSquaredError;

/** The two random forests, with their settings in one place; seeded, so training is repeatable. */
final class Forests {
    static final int TREES = 40;
    static final int REGRESSION_DEPTH = 6;
    static final int CLASSIFICATION_DEPTH = 10;
    static final float MIN_CHILD_WEIGHT = 5;
    static final float FEATURES_PER_SPLIT = 0.5f;
    static final long SEED = 20261202L;

    private Forests() {
    }

    static Model<Regressor> balance(List<Examples.Example> examples) {
        String[] names = BalanceFeatures.ALL_FEATURES.toArray(new String[0]);
        List<org.tribuo.Example<Regressor>> data = new ArrayList<>();
        for (Examples.Example e : examples) {
            data.add(new ArrayExample<>(new Regressor("lu", e.target()), names, e.all()));
        }
        RegressionFactory factory = new RegressionFactory();
        MutableDataset<Regressor> set = new MutableDataset<>(new ListDataSource<>(data, factory,
                new SimpleDataSourceProvenance("balance examples", factory)));
        CARTRegressionTrainer tree = new CARTRegressionTrainer(REGRESSION_DEPTH, MIN_CHILD_WEIGHT, 0f, FEATURES_PER_SPLIT, false,
                new MeanSquaredError(), SEED);
        return new RandomForestTrainer<>(tree, new AveragingCombiner(), TREES, SEED).train(set, Map.of());
    }

    static Model<Label> roles(List<Examples.Example> examples) {
        String[] names = BalanceFeatures.AUDIO_FEATURES.toArray(new String[0]);
        List<org.tribuo.Example<Label>> data = new ArrayList<>();
        for (Examples.Example e : examples) {
            data.add(new ArrayExample<>(new Label(e.role().id()), names, e.audio()));
        }
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> set = new MutableDataset<>(new ListDataSource<>(data, factory,
                new SimpleDataSourceProvenance("role examples", factory)));
        CARTClassificationTrainer tree = new CARTClassificationTrainer(CLASSIFICATION_DEPTH, 2f, 0f, FEATURES_PER_SPLIT, false,
                new GiniIndex(), SEED);
        return new RandomForestTrainer<>(tree, new VotingCombiner(), TREES, SEED).train(set, Map.of());
    }
}
