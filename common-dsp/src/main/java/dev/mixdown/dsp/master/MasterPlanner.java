package dev.mixdown.dsp.master;

import dev.mixdown.dsp.spectrum.ThirdOctaveSpectrum;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides the plan from the input's measurements: tone (EQ toward a profile or references),
 * dynamics and width. Pure arithmetic on measurements; no audio passes here.
 */
public final class MasterPlanner {
    static final double HIGH_PASS_HZ = 20;
    static final double SHELF_CAP_DB = 4.0;
    static final double PEAK_CAP_DB = 3.0;
    static final double SMALLEST_MOVE_DB = 0.2;
    private static final double[] CENTERS = ThirdOctaveSpectrum.CENTERS_HZ;

    /** EQ nodes: shape, frequency, Q, and the range of bands whose mean difference sets the gain. */
    private record Node(String shape, double hz, double q, double fromHz, double toHz, double cap) {
    }

    private static final Node[] NODES = {
        new Node("LOW_SHELF", 100, 0.7, 31.5, 100, SHELF_CAP_DB),
        new Node("PEAK", 250, 1.0, 200, 315, PEAK_CAP_DB),
        new Node("PEAK", 800, 1.0, 630, 1000, PEAK_CAP_DB),
        new Node("PEAK", 2500, 1.0, 2000, 3150, PEAK_CAP_DB),
        new Node("HIGH_SHELF", 8000, 0.7, 8000, 16000, SHELF_CAP_DB),
    };

    private MasterPlanner() {
    }

    /**
     * @param inputSpectrumDb  the input's third-octave levels
     * @param targetSpectrumDb the tone target's levels (profile or weighted references)
     * @param toneTarget       a description of the target for the report
     * @param loudnessRangeLu  the input's loudness range (null when unmeasurable)
     * @param correlation      the input's stereo correlation (null for mono)
     */
    public static MasterPlan plan(double[] inputSpectrumDb, double[] targetSpectrumDb, String toneTarget,
            MasterSettings settings, int sampleRate, Double loudnessRangeLu, Double correlation) {
        return new MasterPlan(HIGH_PASS_HZ, toneTarget,
                eqMoves(inputSpectrumDb, targetSpectrumDb, settings.amountPercent(), sampleRate),
                dynamics(inputSpectrumDb, settings, loudnessRangeLu),
                width(settings, correlation));
    }

    /** The smoothed, capped differences between target and input at the EQ nodes, scaled by amount. */
    static List<MasterPlan.EqMove> eqMoves(double[] input, double[] target, double amountPercent, int sampleRate) {
        double[] in = normalised(input);
        double[] tg = normalised(target);
        double[] diff = new double[CENTERS.length];
        for (int b = 0; b < diff.length; b++) {
            boolean usable = !Double.isNaN(in[b]) && !Double.isNaN(tg[b]) && input[b] > -90 && CENTERS[b] < sampleRate * 0.45;
            diff[b] = usable ? tg[b] - in[b] : Double.NaN;
        }
        double[] smooth = new double[diff.length];
        for (int b = 0; b < diff.length; b++) {
            double sum = 0;
            int n = 0;
            for (int k = Math.max(0, b - 1); k <= Math.min(diff.length - 1, b + 1); k++) {
                if (!Double.isNaN(diff[k])) {
                    sum += diff[k];
                    n++;
                }
            }
            smooth[b] = n == 0 ? Double.NaN : sum / n;
        }
        List<MasterPlan.EqMove> moves = new ArrayList<>();
        for (Node node : NODES) {
            if (node.hz() >= sampleRate * 0.45) {
                continue;
            }
            double sum = 0;
            int n = 0;
            for (int b = 0; b < CENTERS.length; b++) {
                if (CENTERS[b] >= node.fromHz() && CENTERS[b] <= node.toHz() && !Double.isNaN(smooth[b])) {
                    sum += smooth[b];
                    n++;
                }
            }
            if (n == 0) {
                continue;
            }
            double wanted = sum / n * amountPercent / 100.0;
            double gain = Math.max(-node.cap(), Math.min(node.cap(), wanted));
            if (Math.abs(gain) < SMALLEST_MOVE_DB) {
                continue;
            }
            String reason = String.format("%s by %.1f dB around %s toward the target%s",
                    gain > 0 ? "lift" : "cut", Math.abs(gain), describe(node.fromHz(), node.toHz()),
                    Math.abs(wanted) > node.cap() ? String.format(" (wanted %.1f dB, capped at %.1f)", wanted, node.cap()) : "");
            moves.add(new MasterPlan.EqMove(node.shape(), node.hz(), MasterPlan.round(gain), node.q(), reason));
        }
        return moves;
    }

    private static String describe(double from, double to) {
        return from == to ? fmt(from) : fmt(from) + "-" + fmt(to);
    }

    private static String fmt(double hz) {
        return hz >= 1000 ? String.format("%.3g kHz", hz / 1000) : String.format("%.0f Hz", hz);
    }

    /** Levels minus their mean over 63 Hz to 8 kHz, so two spectra compare by shape, not level. */
    static double[] normalised(double[] db) {
        double sum = 0;
        int n = 0;
        for (int b = 0; b < db.length; b++) {
            if (CENTERS[b] >= 63 && CENTERS[b] <= 8000 && !Double.isNaN(db[b])) {
                sum += db[b];
                n++;
            }
        }
        double mean = n == 0 ? 0 : sum / n;
        double[] out = new double[db.length];
        for (int b = 0; b < db.length; b++) {
            out[b] = db[b] - mean;
        }
        return out;
    }

    static MasterPlan.Dynamics dynamics(double[] spectrum, MasterSettings settings, Double lra) {
        double lowMid = 120;
        double midHigh = 4000;
        if (!settings.dynamics()) {
            return new MasterPlan.Dynamics(false, "dynamics processing turned off in the settings", lowMid, midHigh, List.of());
        }
        if (lra != null && lra < 3.0) {
            return new MasterPlan.Dynamics(false, String.format("already dense (loudness range %.1f LU): left as it is", lra),
                    lowMid, midHigh, List.of());
        }
        double low = regionLevelDb(spectrum, 0, lowMid);
        double mid = regionLevelDb(spectrum, lowMid, midHigh);
        double high = regionLevelDb(spectrum, midHigh, 1e9);
        String reason = lra == null
                ? "gentle glue on every band"
                : String.format("gentle glue: loudness range %.1f LU; each band compresses only its loudest passages", lra);
        List<MasterPlan.Band> bands = List.of(
                new MasterPlan.Band("low", MasterPlan.round(low + 4), 1.8, 6, 30, 250, null, null),
                new MasterPlan.Band("mid", MasterPlan.round(mid + 4), 1.5, 6, 15, 150, null, null),
                new MasterPlan.Band("high", MasterPlan.round(high + 4), 1.5, 6, 5, 100, null, null));
        return new MasterPlan.Dynamics(true, reason, lowMid, midHigh, bands);
    }

    /** Mean-square level (dBFS) of the bands whose centres lie in [fromHz, toHz). */
    private static double regionLevelDb(double[] spectrum, double fromHz, double toHz) {
        double power = 0;
        for (int b = 0; b < spectrum.length; b++) {
            if (CENTERS[b] >= fromHz && CENTERS[b] < toHz && !Double.isNaN(spectrum[b])) {
                power += Math.pow(10, spectrum[b] / 10);
            }
        }
        return power > 0 ? 10 * Math.log10(power) : -100;
    }

    static MasterPlan.Width width(MasterSettings settings, Double correlation) {
        if (settings.width() != null) {
            return new MasterPlan.Width(settings.width(), "as set");
        }
        if (correlation != null && correlation < 0.2) {
            return new MasterPlan.Width(0.8, String.format("stereo correlation %.2f is low: narrowed for mono compatibility", correlation));
        }
        return new MasterPlan.Width(1.0, correlation == null ? "mono input" : String.format("stereo correlation %.2f: left as it is", correlation));
    }
}
