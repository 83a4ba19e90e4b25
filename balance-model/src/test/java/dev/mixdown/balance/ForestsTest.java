package dev.mixdown.balance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixdown.dsp.mix.StemRole;
import dev.mixdown.dsp.mix.balance.BalanceFeatures;
import dev.mixdown.dsp.mix.balance.BalanceModel;
import dev.mixdown.dsp.mix.balance.RoleClassifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Balance and role forests")
class ForestsTest {
    @TempDir
    Path dir;

    /** Bass 6 LU over the mean, pads 6 under, with noise; the bass has its energy low, the pad high. */
    static List<Examples.Example> examples(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Examples.Example> out = new ArrayList<>();
        int audio = BalanceFeatures.AUDIO_FEATURES.size();
        int lowShare = BalanceFeatures.AUDIO_FEATURES.indexOf("low_share");
        for (int i = 0; i < 200; i++) {
            boolean bass = i % 2 == 0;
            StemRole role = bass ? StemRole.BASS : StemRole.PAD;
            double[] a = new double[audio];
            for (int k = 0; k < audio; k++) {
                a[k] = r.nextDouble();
            }
            a[lowShare] = bass ? 0.7 + 0.2 * r.nextDouble() : 0.1 * r.nextDouble();
            double[] all = new double[BalanceFeatures.ALL_FEATURES.size()];
            System.arraycopy(a, 0, all, 0, audio);
            all[BalanceFeatures.ALL_FEATURES.indexOf("role_" + role.id())] = 1;
            out.add(new Examples.Example("song" + i / 10, "whole", i % 10, role, all, a, (bass ? 6 : -6) + r.nextDouble() - 0.5));
        }
        return out;
    }

    @Test
    @DisplayName("training twice on the same examples gives the same model: same facts file, same answers, same size")
    void repeatable() throws IOException {
        List<Examples.Example> ex = examples(3);
        BalanceModel.of(Forests.balance(ex), Training.medians(ex), Map.of("songs", "20")).save(dir.resolve("a/balance-model"));
        BalanceModel.of(Forests.balance(ex), Training.medians(ex), Map.of("songs", "20")).save(dir.resolve("b/balance-model"));
        assertArrayEquals(Files.readAllBytes(dir.resolve("a/balance-model.txt")), Files.readAllBytes(dir.resolve("b/balance-model.txt")));
        // the .tribuo files differ only in Tribuo's provenance (the training time stamp), so equal in size
        assertEquals(Files.size(dir.resolve("a/balance-model.tribuo")), Files.size(dir.resolve("b/balance-model.tribuo")));
        BalanceModel a = BalanceModel.load(dir.resolve("a/balance-model"));
        BalanceModel b = BalanceModel.load(dir.resolve("b/balance-model"));
        for (Examples.Example e : examples(4)) {
            assertEquals(a.predict(e.all()), b.predict(e.all()), 0.0);
        }
        RoleClassifier.of(Forests.roles(ex), Map.of()).save(dir.resolve("a/role-model"));
        RoleClassifier.of(Forests.roles(ex), Map.of()).save(dir.resolve("b/role-model"));
        RoleClassifier ra = RoleClassifier.load(dir.resolve("a/role-model"));
        RoleClassifier rb = RoleClassifier.load(dir.resolve("b/role-model"));
        for (Examples.Example e : examples(4)) {
            assertEquals(ra.guess(e.audio()), rb.guess(e.audio()));
        }
    }

    @Test
    @DisplayName("a saved model loads back and predicts what it predicted before saving")
    void roundTrip() throws IOException {
        List<Examples.Example> ex = examples(5);
        BalanceModel m = BalanceModel.of(Forests.balance(ex), Training.medians(ex), Map.of()).withBlendWeight(0.3);
        m.save(dir.resolve("balance-model"));
        BalanceModel back = BalanceModel.load(dir.resolve("balance-model"));
        for (Examples.Example e : ex.subList(0, 20)) {
            assertEquals(m.level(e.all(), 1.5), back.level(e.all(), 1.5), 0.0);
        }
        assertEquals(0.3, back.blendWeight(), 0.0);
    }

    @Test
    @DisplayName("the forests learn what the examples teach: bass above pads, roles told apart by their low end")
    void learns() {
        List<Examples.Example> ex = examples(7);
        BalanceModel m = BalanceModel.of(Forests.balance(ex), Training.medians(ex), Map.of());
        RoleClassifier c = RoleClassifier.of(Forests.roles(ex), Map.of());
        List<Examples.Example> fresh = examples(11);
        for (Examples.Example e : fresh.subList(0, 20)) {
            double p = m.predict(e.all());
            assertTrue(e.role() == StemRole.BASS ? p > 3 : p < -3, e.role() + " predicted " + p);
            assertEquals(e.role(), c.guess(e.audio()).role());
        }
        String top = m.reasons(fresh.get(0).all(), 0, 1).get(0).feature();
        assertTrue(top.equals("role") || top.equals("low_share"), "the largest reason is the role or the low end, not " + top);
    }
}
