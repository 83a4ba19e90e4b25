package dev.mixdown.dsp.mix;

import dev.mixdown.dsp.mix.balance.BalanceFeatures;
import dev.mixdown.dsp.mix.balance.BalanceModel;
import dev.mixdown.dsp.mix.balance.StemMeasures;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Gain staging's targets: each stem's active loudness in the mix. With a balance model, the
 * model's level for the stem (see {@link BalanceModel#level}) against the loudest stem's, which
 * sits at the anchor;
 * without one (or for a stem that never plays), the role table. The user's presence moves a stem
 * on top of either.
 */
final class BalanceTargets {
    /** Reasons reported per stem. */
    static final int REASONS = 3;

    private BalanceTargets() {
    }

    /** Targets (LUFS) and how each was decided, in stem order. */
    record Targets(double[] targetLufs, BalanceDecision[] decisions) {
    }

    static Targets decide(List<StemSpec> stems, List<StemMeasures> measures, StemRole[] roles, Presence[] presence,
            BalanceModel model) {
        int n = stems.size();
        double[] target = new double[n];
        BalanceDecision[] decisions = new BalanceDecision[n];
        double[] predicted = new double[n];
        double[][] rows = null;
        List<Integer> playing = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (measures.get(i).plays()) {
                playing.add(i);
            }
        }
        double loudest = Double.NEGATIVE_INFINITY;
        double[] given = new double[n];
        if (model != null && playing.size() >= 1) {
            double mean = 0;
            for (int i : playing) {
                mean += measures.get(i).activeLufs() / playing.size();
            }
            List<StemMeasures> sub = new ArrayList<>();
            List<StemRole> subRoles = new ArrayList<>();
            for (int i : playing) {
                sub.add(measures.get(i));
                subRoles.add(roles[i]);
            }
            double[][] subRows = BalanceFeatures.all(sub, subRoles);
            rows = new double[n][];
            for (int k = 0; k < playing.size(); k++) {
                int i = playing.get(k);
                rows[i] = subRows[k];
                given[i] = measures.get(i).activeLufs() - mean;
                predicted[i] = model.level(rows[i], given[i]);
                if (!stems.get(i).mute()) {
                    loudest = Math.max(loudest, predicted[i]);
                }
            }
        }
        boolean useModel = rows != null && Double.isFinite(loudest);
        for (int i = 0; i < n; i++) {
            StemSpec s = stems.get(i);
            List<String> changes = userChanges(s, presence[i]);
            double tableLu = roles[i].relativeLu;
            if (useModel && rows[i] != null) {
                double lu = predicted[i] - loudest;
                target[i] = MixPlanner.ANCHOR_LUFS + lu + presence[i].offsetLu;
                decisions[i] = new BalanceDecision(s.gainDb() != null ? BalanceDecision.FIXED_GAIN : BalanceDecision.MODEL,
                        MixPlanner.round(lu), tableLu, model.reasons(rows[i], given[i], REASONS), changes);
            } else {
                target[i] = MixPlanner.ANCHOR_LUFS + tableLu + presence[i].offsetLu;
                decisions[i] = new BalanceDecision(s.gainDb() != null ? BalanceDecision.FIXED_GAIN : BalanceDecision.ROLE_TABLE,
                        null, tableLu, List.of(), changes);
            }
        }
        return new Targets(target, decisions);
    }

    private static List<String> userChanges(StemSpec s, Presence presence) {
        List<String> out = new ArrayList<>();
        if (s.role() != null) {
            out.add("role set to " + s.role().id());
        }
        if (s.presence() != null && presence.offsetLu != 0) {
            out.add(String.format(Locale.ROOT, "presence %s: %+.0f LU", presence.id(), presence.offsetLu));
        }
        if (s.gainDb() != null) {
            out.add(String.format(Locale.ROOT, "gain fixed at %+.1f dB instead of the staged gain", s.gainDb()));
        }
        if (s.mute()) {
            out.add("muted");
        }
        return out;
    }
}
