package dev.mixdown.dsp.mix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixdown.dsp.mix.balance.BalanceFeatures;
import dev.mixdown.dsp.mix.balance.BalanceModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.datasource.ListDataSource;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.rtree.CARTRegressionTrainer;

/** Gain staging's targets from a balance model whose answer is known, and from the role table without one. */
@DisplayName("Balance targets")
class BalanceTargetsTest {
    static final int RATE = 44_100;

    /** A tree that puts stems with most of their energy below 150 Hz 8 LU over the mean, the rest 4 LU under. */
    static BalanceModel lowEndFirst(double givenWeight) {
        String[] names = BalanceFeatures.ALL_FEATURES.toArray(new String[0]);
        int low = BalanceFeatures.ALL_FEATURES.indexOf("low_share");
        SplittableRandom r = new SplittableRandom(1);
        List<Example<Regressor>> data = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            double[] row = new double[names.length];
            for (int k = 0; k < row.length; k++) {
                row[k] = r.nextDouble();
            }
            data.add(new ArrayExample<>(new Regressor("lu", row[low] > 0.5 ? 8 : -4), names, row));
        }
        RegressionFactory f = new RegressionFactory();
        MutableDataset<Regressor> set = new MutableDataset<>(new ListDataSource<>(data, f, new SimpleDataSourceProvenance("test", f)));
        double[] reference = new double[names.length];
        java.util.Arrays.fill(reference, 0.75); // a median stem has its energy low: setting low_share to it moves a high stem
        return BalanceModel.of(new CARTRegressionTrainer(3).train(set), reference, Map.of()).withBlendWeight(givenWeight);
    }

    static StemAnalyzer analysed(double gainDb, IntToDoubleFunction signal) {
        StemAnalyzer a = new StemAnalyzer(RATE, 1);
        float[][] block = new float[1][4096];
        double g = Math.pow(10, gainDb / 20);
        for (int start = 0; start < RATE * 6; start += 4096) {
            for (int i = 0; i < 4096; i++) {
                block[0][i] = (float) (g * signal.applyAsDouble(start + i));
            }
            a.accept(block, 0, 4096);
        }
        return a;
    }

    static IntToDoubleFunction sine(double hz) {
        return i -> 0.2 * Math.sin(2 * Math.PI * hz * i / RATE);
    }

    @Test
    @DisplayName("the model's answer sets the targets: the low stem 12 LU over the high one, the loudest at the anchor, whatever their names")
    void modelDirection() {
        List<StemSpec> specs = List.of(StemSpec.of(Path.of("Audio 01.wav")), StemSpec.of(Path.of("Audio 02.wav")));
        List<StemAnalyzer> a = List.of(analysed(-20, sine(1500)), analysed(0, sine(60)));
        List<StemPlan> plans = MixPlanner.plan(specs, a, lowEndFirst(0), null);
        assertEquals(MixPlanner.ANCHOR_LUFS, plans.get(1).targetLufs(), 0.01);
        assertEquals(plans.get(1).targetLufs() - 12, plans.get(0).targetLufs(), 0.01);
        BalanceDecision d = plans.get(0).balance();
        assertEquals(BalanceDecision.MODEL, d.source());
        assertEquals(-12, d.modelLu(), 0.01);
        assertEquals("low_share", d.reasons().get(0).feature(), "the low end is why");
        assertTrue(d.reasons().get(0).lu() < 0, "it pulled the high stem down");
        assertTrue(d.userChanges().isEmpty());
    }

    @Test
    @DisplayName("with the given level blended in, a stem that came in 20 dB quiet stays lower than the model alone would put it")
    void givenLevelCounts() {
        List<StemSpec> specs = List.of(StemSpec.of(Path.of("a.wav")), StemSpec.of(Path.of("b.wav")));
        List<StemAnalyzer> a = List.of(analysed(-20, sine(1500)), analysed(0, sine(1700)));
        List<StemPlan> alone = MixPlanner.plan(specs, a, lowEndFirst(0), null);
        List<StemPlan> blended = MixPlanner.plan(specs, a, lowEndFirst(0.5), null);
        assertEquals(0, alone.get(0).targetLufs() - alone.get(1).targetLufs(), 0.01, "the model alone cannot tell them apart");
        assertEquals(-10, blended.get(0).targetLufs() - blended.get(1).targetLufs(), 0.5, "half of the 20 dB stays");
        // given −10 LU against the mean, the forest says −4: half of each is −7, so the given level pulled it 3 LU down
        assertTrue(blended.get(0).balance().reasons().stream()
                .anyMatch(c -> c.feature().equals(BalanceModel.GIVEN_LEVEL) && Math.abs(c.lu() + 3) < 0.3),
                "the given level is a reason: " + blended.get(0).balance().reasons());
    }

    @Test
    @DisplayName("the user's presence and gain stay on top of the model, and are reported as the user's changes")
    void overrides() {
        List<StemSpec> specs = List.of(new StemSpec(Path.of("a.wav"), null, Presence.LEAD, null, null, null, false),
                new StemSpec(Path.of("b.wav"), null, null, null, null, -6.0, false));
        List<StemAnalyzer> a = List.of(analysed(0, sine(1500)), analysed(0, sine(60)));
        List<StemPlan> plans = MixPlanner.plan(specs, a, lowEndFirst(0), null);
        assertEquals(MixPlanner.ANCHOR_LUFS - 12 + 3, plans.get(0).targetLufs(), 0.01);
        assertTrue(plans.get(0).balance().userChanges().get(0).contains("presence lead"));
        assertEquals(BalanceDecision.FIXED_GAIN, plans.get(1).balance().source());
        assertTrue(plans.get(1).balance().userChanges().get(0).contains("gain fixed at -6.0 dB"));
    }

    @Test
    @DisplayName("without a model the role table sets the targets, as documented")
    void roleTableFallback() {
        List<StemSpec> specs = List.of(StemSpec.of(Path.of("Bass.wav")), StemSpec.of(Path.of("Pad.wav")));
        List<StemAnalyzer> a = List.of(analysed(0, sine(60)), analysed(0, sine(400)));
        List<StemPlan> plans = MixPlanner.plan(specs, a, null, null);
        assertEquals(MixPlanner.ANCHOR_LUFS + StemRole.BASS.relativeLu, plans.get(0).targetLufs(), 0.01);
        assertEquals(MixPlanner.ANCHOR_LUFS + StemRole.PAD.relativeLu, plans.get(1).targetLufs(), 0.01);
        assertEquals(BalanceDecision.ROLE_TABLE, plans.get(1).balance().source());
        assertNull(plans.get(1).balance().modelLu());
        assertFalse(plans.get(1).balance().reasons().iterator().hasNext());
    }

    @Test
    @DisplayName("the bundled balance model loads once and answers the same every time")
    void bundledDeterministic() {
        BalanceModel m = BalanceModel.bundled();
        assertNotNull(m, "a balance model is bundled");
        assertTrue(m == BalanceModel.bundled(), "loaded once");
        double[] row = new double[BalanceFeatures.ALL_FEATURES.size()];
        row[BalanceFeatures.ALL_FEATURES.indexOf("role_bass")] = 1;
        row[BalanceFeatures.ALL_FEATURES.indexOf("stem_count")] = 4;
        double first = m.level(row, 0);
        for (int i = 0; i < 5; i++) {
            assertEquals(first, m.level(row, 0), 0.0);
        }
        assertTrue(Double.isFinite(first));
    }
}
