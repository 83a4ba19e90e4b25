package dev.mixdown.dsp.mix.balance;

import dev.mixdown.dsp.mix.StemAnalyzer;
import dev.mixdown.dsp.mix.StemRole;
import dev.mixdown.dsp.spectrum.ThirdOctaveSpectrum;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The feature vector of every stem of a song, as the balance model and the role classifier read
 * it. All features are independent of the stems' levels: they describe what a part is and does
 * (its spectrum, register, movement, density, how it overlaps the others in time and frequency)
 * and the song around it (how many stems, which roles). The audio features come first; the role
 * features ({@link #ROLE_FEATURES}) follow, and the role classifier reads only the audio ones.
 */
public final class BalanceFeatures {
    /** Bump when a feature changes meaning: a model trained on other features must not be loaded. */
    public static final int VERSION = 1;

    /** Audio features of one stem and of the song around it, in vector order. */
    public static final List<String> AUDIO_FEATURES = List.of(
            "active_fraction", "loudness_spread_lu", "loudness_range_lu", "crest_db", "onsets_per_s", "low_share",
            "high_share", "centroid_oct", "spectral_spread_oct", "register_note", "register_spread_st", "pitch_motion_st",
            "tonality", "partials", "register_rank", "centroid_vs_song_oct", "onsets_vs_song", "active_vs_song",
            "motion_rank", "tonality_rank", "spectral_masking", "time_overlap", "solo_fraction", "stem_count");

    /** Role features: the stem's own role (one-hot) and how many stems of each role the song has. */
    public static final List<String> ROLE_FEATURES;

    /** All features, audio then role. */
    public static final List<String> ALL_FEATURES;

    static {
        List<String> roles = new ArrayList<>();
        for (StemRole r : StemRole.values()) {
            roles.add("role_" + r.id());
        }
        for (StemRole r : StemRole.values()) {
            roles.add("song_" + r.id());
        }
        roles.add("same_role_count");
        ROLE_FEATURES = Collections.unmodifiableList(roles);
        List<String> all = new ArrayList<>(AUDIO_FEATURES);
        all.addAll(ROLE_FEATURES);
        ALL_FEATURES = Collections.unmodifiableList(all);
    }

    private BalanceFeatures() {
    }

    /**
     * The group a feature is explained under: the one-hot role is one reason ("role"), the song's
     * role counts and size another ("song context"); every other feature stands for itself.
     */
    public static String group(String feature) {
        if (feature.startsWith("role_")) {
            return "role";
        }
        if (feature.startsWith("song_") || feature.equals("same_role_count") || feature.equals("stem_count")) {
            return "song context";
        }
        return feature;
    }

    /** Audio features of every stem (rows in stem order); silent stems get a row too. */
    public static double[][] audio(List<StemMeasures> stems) {
        int n = stems.size();
        double[][] rows = new double[n][AUDIO_FEATURES.size()];
        double[][] shape = new double[n][];
        boolean[][] active = new boolean[n][];
        double[] centroid = new double[n];
        double[] register = new double[n];
        double[] motion = new double[n];
        double[] tonality = new double[n];
        double[] onsets = new double[n];
        double[] fraction = new double[n];
        for (int i = 0; i < n; i++) {
            StemMeasures s = stems.get(i);
            shape[i] = spectralShape(s.spectrumDb());
            active[i] = activeMask(s.momentaryLufs());
            centroid[i] = log2(Math.max(20, s.features().centroidHz()) / 1000);
            register[i] = s.tonal().registerNote();
            motion[i] = s.tonal().motionSemitones();
            tonality[i] = s.tonal().tonality();
            onsets[i] = s.features().onsetsPerSecond();
            fraction[i] = s.activeFraction();
        }
        double meanCentroid = mean(centroid);
        double meanFraction = mean(fraction);
        double medianOnsets = median(onsets);
        for (int i = 0; i < n; i++) {
            StemMeasures s = stems.get(i);
            double[] spread = activeSpread(s.momentaryLufs());
            double[] overlap = timeOverlap(i, active);
            double[] r = rows[i];
            int k = 0;
            r[k++] = s.activeFraction();
            r[k++] = spread[0];
            r[k++] = spread[1];
            r[k++] = s.features().crestDb();
            r[k++] = s.features().onsetsPerSecond();
            r[k++] = s.features().lowShare();
            r[k++] = highShare(shape[i]);
            r[k++] = centroid[i];
            r[k++] = spectralSpread(shape[i]);
            r[k++] = s.tonal().registerNote();
            r[k++] = s.tonal().registerSpreadSemitones();
            r[k++] = s.tonal().motionSemitones();
            r[k++] = s.tonal().tonality();
            r[k++] = s.tonal().partials();
            r[k++] = rank(i, register);
            r[k++] = centroid[i] - meanCentroid;
            r[k++] = Math.log((onsets[i] + 0.1) / (medianOnsets + 0.1));
            r[k++] = fraction[i] - meanFraction;
            r[k++] = rank(i, motion);
            r[k++] = rank(i, tonality);
            r[k++] = spectralMasking(i, shape);
            r[k++] = overlap[0];
            r[k++] = overlap[1];
            r[k++] = n;
        }
        return rows;
    }

    /** Audio and role features of every stem, rows in stem order. */
    public static double[][] all(List<StemMeasures> stems, List<StemRole> roles) {
        double[][] audio = audio(stems);
        int n = stems.size();
        StemRole[] all = StemRole.values();
        int[] count = new int[all.length];
        for (StemRole r : roles) {
            count[r.ordinal()]++;
        }
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            double[] r = Arrays.copyOf(audio[i], ALL_FEATURES.size());
            int k = AUDIO_FEATURES.size();
            r[k + roles.get(i).ordinal()] = 1;
            k += all.length;
            for (int j = 0; j < all.length; j++) {
                r[k + j] = count[j];
            }
            r[k + all.length] = count[roles.get(i).ordinal()];
            rows[i] = r;
        }
        return rows;
    }

    /** The spectrum as a distribution of power over the bands, summing to 1 (all zero when silent). */
    static double[] spectralShape(double[] spectrumDb) {
        double[] p = new double[spectrumDb.length];
        double total = 0;
        for (int b = 0; b < p.length; b++) {
            p[b] = Double.isNaN(spectrumDb[b]) ? 0 : Math.pow(10, spectrumDb[b] / 10);
            total += p[b];
        }
        for (int b = 0; b < p.length; b++) {
            p[b] = total > 0 ? p[b] / total : 0;
        }
        return p;
    }

    private static double highShare(double[] shape) {
        double s = 0;
        for (int b = 0; b < shape.length; b++) {
            if (ThirdOctaveSpectrum.CENTERS_HZ[b] >= 4000) {
                s += shape[b];
            }
        }
        return s;
    }

    /** Power-weighted standard deviation of the band centres, in octaves. */
    private static double spectralSpread(double[] shape) {
        double m = 0;
        double m2 = 0;
        for (int b = 0; b < shape.length; b++) {
            double oct = log2(ThirdOctaveSpectrum.CENTERS_HZ[b] / 1000);
            m += shape[b] * oct;
            m2 += shape[b] * oct * oct;
        }
        return Math.sqrt(Math.max(0, m2 - m * m));
    }

    /**
     * How much of stem i's spectrum the other stems cover, with every stem at equal power: the
     * overlap of its band distribution with the others' mean, 0 (nothing shared) to 1 (the same).
     */
    static double spectralMasking(int i, double[][] shape) {
        int n = shape.length;
        if (n < 2) {
            return 0;
        }
        double overlap = 0;
        for (int b = 0; b < shape[i].length; b++) {
            double others = 0;
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    others += shape[j][b];
                }
            }
            overlap += Math.min(shape[i][b], others / (n - 1));
        }
        return overlap;
    }

    /** Which 100 ms momentary values count as "playing", by the stem's own gate. */
    static boolean[] activeMask(double[] momentaryLufs) {
        double gate = StemAnalyzer.activeGateLufs(momentaryLufs);
        boolean[] m = new boolean[momentaryLufs.length];
        for (int t = 0; t < m.length; t++) {
            m[t] = momentaryLufs[t] > gate;
        }
        return m;
    }

    /** Of stem i's active moments: the mean share of the other stems playing with it, and the share it plays alone. */
    static double[] timeOverlap(int i, boolean[][] active) {
        int n = active.length;
        int moments = 0;
        double shared = 0;
        int alone = 0;
        for (int t = 0; t < active[i].length; t++) {
            if (!active[i][t]) {
                continue;
            }
            moments++;
            int others = 0;
            for (int j = 0; j < n; j++) {
                if (j != i && t < active[j].length && active[j][t]) {
                    others++;
                }
            }
            shared += n > 1 ? (double) others / (n - 1) : 0;
            if (others == 0) {
                alone++;
            }
        }
        return moments == 0 ? new double[] {0, 0} : new double[] {shared / moments, (double) alone / moments};
    }

    /** Standard deviation and 10-to-95 % range of the active momentary loudness, LU. */
    static double[] activeSpread(double[] momentaryLufs) {
        double gate = StemAnalyzer.activeGateLufs(momentaryLufs);
        double[] a = Arrays.stream(momentaryLufs).filter(v -> v > gate).sorted().toArray();
        if (a.length < 2) {
            return new double[] {0, 0};
        }
        double m = mean(a);
        double v = 0;
        for (double x : a) {
            v += (x - m) * (x - m);
        }
        return new double[] {Math.sqrt(v / a.length), a[(int) Math.floor((a.length - 1) * 0.95)] - a[(int) Math.floor((a.length - 1) * 0.10)]};
    }

    /** Share of the other stems whose value is below stem i's (ties count half), 0 to 1; 0.5 alone. */
    static double rank(int i, double[] values) {
        int n = values.length;
        if (n < 2) {
            return 0.5;
        }
        double below = 0;
        for (int j = 0; j < n; j++) {
            if (j != i) {
                below += values[j] < values[i] ? 1 : values[j] == values[i] ? 0.5 : 0;
            }
        }
        return below / (n - 1);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return v.length == 0 ? 0 : s / v.length;
    }

    private static double median(double[] v) {
        if (v.length == 0) {
            return 0;
        }
        double[] s = v.clone();
        Arrays.sort(s);
        return s[(s.length - 1) / 2];
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
