package dev.mixdown.dsp.mix;

import dev.mixdown.dsp.mix.balance.BalanceFeatures;
import dev.mixdown.dsp.mix.balance.BalanceModel;
import dev.mixdown.dsp.mix.balance.RoleClassifier;
import dev.mixdown.dsp.mix.balance.StemMeasures;
import dev.mixdown.dsp.spectrum.ThirdOctaveSpectrum;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides each stem's role, loudness target (the balance model's, see {@link BalanceTargets}), pan,
 * EQ, compression, sends and whether it yields to the lead. Arithmetic on measurements only.
 */
public final class MixPlanner {
    /** Active loudness of the lead element in the mix (the anchor all relative levels hang from). */
    static final double ANCHOR_LUFS = -20.0;
    /** Pan positions handed out to spread parts, widest last. */
    private static final double[] SPREAD = {0.35, 0.5, 0.65, 0.3, 0.55, 0.75, 0.45, 0.6};

    private MixPlanner() {
    }

    /**
     * Role, given or inferred: from the file name, else from the audio (the role classifier when
     * one is loaded, else the audio rules).
     *
     * @param audioRow the stem's row of {@link BalanceFeatures#audio}
     */
    static RoleInference.Inferred role(StemSpec spec, StemFeatures features, double[] audioRow, RoleClassifier classifier) {
        if (spec.role() != null) {
            return new RoleInference.Inferred(spec.role(), "given", "set by the user");
        }
        Optional<RoleInference.Inferred> byName = RoleInference.fromName(spec.path().getFileName().toString());
        if (byName.isPresent()) {
            return byName.get();
        }
        if (classifier != null) {
            RoleClassifier.Guess g = classifier.guess(audioRow);
            return new RoleInference.Inferred(g.role(), "audio (role classifier)",
                    String.format(Locale.ROOT, "%.0f %% of the trees; %s", g.confidence() * 100,
                            RoleInference.fromAudio(features).evidence()));
        }
        return RoleInference.fromAudio(features);
    }

    /** Plans with the bundled balance model and role classifier (the role table and audio rules where none is bundled). */
    public static List<StemPlan> plan(List<StemSpec> stems, List<StemAnalyzer> analyses) {
        return plan(stems, analyses, BalanceModel.bundled(), RoleClassifier.bundled());
    }

    /**
     * @param analyses   the stems' analyses, in order (raw, at their own rates)
     * @param model      the balance model for gain staging, or null for the role table
     * @param classifier the role classifier for stems whose names say nothing, or null for the audio rules
     */
    public static List<StemPlan> plan(List<StemSpec> stems, List<StemAnalyzer> analyses, BalanceModel model,
            RoleClassifier classifier) {
        int n = stems.size();
        List<StemMeasures> measures = new ArrayList<>();
        for (StemAnalyzer a : analyses) {
            measures.add(StemMeasures.of(a));
        }
        double[][] audio = BalanceFeatures.audio(measures);
        RoleInference.Inferred[] roles = new RoleInference.Inferred[n];
        StemRole[] roleOf = new StemRole[n];
        for (int i = 0; i < n; i++) {
            roles[i] = role(stems.get(i), analyses.get(i).features(), audio[i], classifier);
            roleOf[i] = roles[i].role();
        }
        int lead = leadIndex(stems, roles, analyses);

        // targets: the balance model's (or the role table's), with the user's presence on top
        Presence[] presence = new Presence[n];
        for (int i = 0; i < n; i++) {
            presence[i] = stems.get(i).presence() != null ? stems.get(i).presence() : Presence.NORMAL;
        }
        BalanceTargets.Targets targets = BalanceTargets.decide(stems, measures, roleOf, presence, model);
        double[] target = targets.targetLufs();

        // pans: centred roles and given preferences first, then spread the rest by loudness, keeping left/right even
        double[] pan = new double[n];
        String[] panReason = new String[n];
        double leftEnergy = 0;
        double rightEnergy = 0;
        List<Integer> toSpread = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StemSpec s = stems.get(i);
            double energy = Math.pow(10, target[i] / 10);
            if (s.pan() != null) {
                pan[i] = s.pan();
                panReason[i] = "as set";
            } else if (i == lead || roles[i].role().centred) {
                pan[i] = 0;
                panReason[i] = i == lead ? "lead: centred" : roles[i].role().id() + ": centred";
            } else {
                toSpread.add(i);
                continue;
            }
            leftEnergy += energy * gainL(pan[i]) * gainL(pan[i]);
            rightEnergy += energy * gainR(pan[i]) * gainR(pan[i]);
        }
        toSpread.sort(Comparator.comparingDouble((Integer i) -> -target[i]).thenComparingInt(i -> i));
        for (int k = 0; k < toSpread.size(); k++) {
            int i = toSpread.get(k);
            double energy = Math.pow(10, target[i] / 10);
            double width = SPREAD[k % SPREAD.length];
            if (presence[i] == Presence.BACKGROUND) {
                width = Math.min(0.85, width + 0.15);
            }
            pan[i] = leftEnergy <= rightEnergy ? -width : width;
            panReason[i] = String.format("spread %s to balance the mix", pan[i] < 0 ? "left" : "right");
            leftEnergy += energy * gainL(pan[i]) * gainL(pan[i]);
            rightEnergy += energy * gainR(pan[i]) * gainR(pan[i]);
        }

        List<StemPlan> plans = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StemSpec s = stems.get(i);
            StemRole role = roles[i].role();
            StemAnalyzer a = analyses.get(i);
            double[] spectrum = a.spectrumDb();
            List<StemPlan.Eq> eq = eq(role, spectrum, i == lead);
            double rms = a.activeRmsDb();
            StemPlan.Compression comp = Double.isInfinite(rms) ? null : new StemPlan.Compression(
                    round(rms + 3), role.ratio, 6, role.attackMs, role.releaseMs,
                    role == StemRole.DRUMS || role == StemRole.KICK || role == StemRole.SNARE || role == StemRole.PERCUSSION
                            ? "PEAK" : "RMS");
            ReverbAmount reverb = s.reverb() != null ? s.reverb() : role.reverb;
            double send = reverb.sendDb + (presence[i] == Presence.BACKGROUND && reverb != ReverbAmount.NONE ? 3 : 0);
            double delay = (role == StemRole.VOCAL && i == lead) ? -20 : Double.NEGATIVE_INFINITY;
            boolean unmask = lead >= 0 && i != lead && competes(role) && keyBandShare(spectrum) > 0.08;
            plans.add(new StemPlan(i, s, role, roles[i].source(), roles[i].evidence(), presence[i], i == lead, round(target[i]),
                    round(pan[i]), panReason[i], role.monoLowEnd(), eq, comp, send, delay, unmask, targets.decisions()[i]));
        }
        return plans;
    }

    /** The stem marked lead, else the loudest vocal, else none (-1). */
    static int leadIndex(List<StemSpec> stems, RoleInference.Inferred[] roles, List<StemAnalyzer> analyses) {
        for (int i = 0; i < stems.size(); i++) {
            if (stems.get(i).presence() == Presence.LEAD && !stems.get(i).mute()) {
                return i;
            }
        }
        int best = -1;
        for (int i = 0; i < stems.size(); i++) {
            if (roles[i].role() == StemRole.VOCAL && !stems.get(i).mute()
                    && (best < 0 || analyses.get(i).activeLufs() > analyses.get(best).activeLufs())) {
                best = i;
            }
        }
        return best;
    }

    private static boolean competes(StemRole role) {
        switch (role) {
            case KEYS: case PIANO: case SYNTH: case PAD: case GUITAR: case STRINGS: case BRASS: case WOODWIND:
            case BACKING_VOCAL: case OTHER: case FX:
                return true;
            default:
                return false;
        }
    }

    /** Share of a stem's energy in 1–4 kHz, where a voice carries its intelligibility. */
    static double keyBandShare(double[] spectrum) {
        double total = 0;
        double key = 0;
        for (int b = 0; b < spectrum.length; b++) {
            if (Double.isNaN(spectrum[b])) {
                continue;
            }
            double p = Math.pow(10, spectrum[b] / 10);
            total += p;
            double hz = ThirdOctaveSpectrum.CENTERS_HZ[b];
            if (hz >= 1000 && hz <= 4000) {
                key += p;
            }
        }
        return total > 0 ? key / total : 0;
    }

    static List<StemPlan.Eq> eq(StemRole role, double[] spectrum, boolean lead) {
        List<StemPlan.Eq> eq = new ArrayList<>();
        eq.add(new StemPlan.Eq("HIGH_PASS", role.highPassHz, 0, Math.sqrt(0.5),
                String.format("high-pass at %.0f Hz: nothing a %s needs lives below", role.highPassHz, role.id())));
        // mud: a bump around 200-400 Hz against the stem's own 100 Hz-2 kHz average
        double mud = bandMean(spectrum, 200, 400) - bandMean(spectrum, 100, 2000);
        if (role != StemRole.BASS && role != StemRole.KICK && mud > 2.0) {
            double cut = -Math.min(3.0, mud - 1.0);
            eq.add(new StemPlan.Eq("PEAK", 300, round(cut), 1.2, String.format("cut %.1f dB of mud at 300 Hz (%.1f dB bump)", -cut, mud)));
        }
        if (role == StemRole.KICK && bandMean(spectrum, 315, 500) - bandMean(spectrum, 50, 2000) > 0) {
            eq.add(new StemPlan.Eq("PEAK", 400, -2, 1.5, "cut 2 dB of boxiness at 400 Hz"));
        }
        if (role == StemRole.VOCAL || lead) {
            eq.add(new StemPlan.Eq("PEAK", 3000, 2.0, 1.0, "lift 2 dB of presence at 3 kHz for intelligibility"));
            eq.add(new StemPlan.Eq("HIGH_SHELF", 10000, 1.0, 0.7, "lift 1 dB of air above 10 kHz"));
        }
        if (role == StemRole.BASS && bandMean(spectrum, 50, 100) - bandMean(spectrum, 100, 1000) < -3) {
            eq.add(new StemPlan.Eq("LOW_SHELF", 90, 2.0, 0.7, "lift 2 dB below 90 Hz: the bass was thin"));
        }
        return eq;
    }

    private static double bandMean(double[] spectrum, double fromHz, double toHz) {
        double sum = 0;
        int n = 0;
        for (int b = 0; b < spectrum.length; b++) {
            double hz = ThirdOctaveSpectrum.CENTERS_HZ[b];
            if (hz >= fromHz && hz <= toHz && !Double.isNaN(spectrum[b])) {
                sum += spectrum[b];
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }

    /** Constant-power pan law: −3 dB each side at the centre. */
    static double gainL(double pan) {
        return Math.cos((pan + 1) * Math.PI / 4);
    }

    static double gainR(double pan) {
        return Math.sin((pan + 1) * Math.PI / 4);
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /** For reports: the file name of a stem. */
    static String name(Path p) {
        return p.getFileName().toString();
    }
}
