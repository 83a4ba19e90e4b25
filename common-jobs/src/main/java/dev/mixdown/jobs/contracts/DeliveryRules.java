package dev.mixdown.jobs.contracts;

import static dev.mixdown.jobs.contracts.RuleViolation.INVALID_DELIVERABLE;
import static dev.mixdown.jobs.contracts.RuleViolation.UNSUPPORTED_TARGET;

import java.util.List;
import java.util.Locale;

/**
 * What one deliverable may ask for, checked where the job is accepted (the gateway) without the
 * DSP engine. The workers' engine knows the same names and limits; a test in worker-runtime
 * proves that what passes here maps onto the engine and what the engine refuses is refused here.
 */
public final class DeliveryRules {
    /** Named loudness targets, as {@code dev.mixdown.dsp.master.DeliveryTarget} defines them. */
    public static final List<String> TARGETS = List.of("spotify", "apple-music", "youtube", "amazon-music", "tidal", "deezer",
            "ebu-r128", "atsc-a85", "club");
    /** Delivered file formats. */
    public static final List<String> FORMATS = List.of("wav", "flac", "mp3");
    /** Bit depths a WAV or FLAC deliverable may ask for (FLAC: integers only). */
    public static final List<String> BITS = List.of("16", "24", "32f");
    /** Stems one mix job takes. */
    public static final int MAX_STEMS = 128;
    /** Sample rates a deliverable may ask for, in Hz. */
    public static final int MIN_RATE_HZ = 8_000;
    public static final int MAX_RATE_HZ = 192_000;
    /** The only rates an MP3 may be written at, in Hz. */
    public static final List<Integer> MP3_RATES_HZ = List.of(32_000, 44_100, 48_000);

    /** The JSON report every job writes next to its outputs. */
    public static final String REPORT_NAME = "report.json";
    /** The stereo mix of a mix job (delivered when it has no deliverables, and the masters' source otherwise). */
    public static final String MIX_NAME = "mix.wav";
    /** Plots go next to the outputs as {@code plot-*.png}; no deliverable can take such a name, as it ends in .png. */
    public static final String PLOT_PREFIX = "plot-";

    private DeliveryRules() {
    }

    /**
     * Checks one deliverable of a job of {@code kind}; throws a {@link RuleViolation} that names
     * the problem (INVALID_DELIVERABLE, or UNSUPPORTED_TARGET for a target name the engine does not know).
     *
     * @return the format it will be written in
     */
    public static String check(JobKind kind, DeliverableSpec d) {
        if (d == null) {
            throw new RuleViolation(INVALID_DELIVERABLE, "a deliverable is null");
        }
        checkName(kind, d.name());
        String implied = formatOf(d.name());
        String format = d.format() == null ? implied : d.format().toLowerCase(Locale.ROOT);
        if (format == null) {
            throw new RuleViolation(INVALID_DELIVERABLE, "no format given and none implied by the name (known: " + String.join(", ", FORMATS) + ")");
        }
        if (!FORMATS.contains(format)) {
            throw new RuleViolation(INVALID_DELIVERABLE, "unknown format '" + d.format() + "' (known: " + String.join(", ", FORMATS) + ")");
        }
        if (!format.equals(implied)) {
            throw new RuleViolation(INVALID_DELIVERABLE, "format " + format + " needs a name ending in ." + format
                    + (implied == null ? "" : ", not ." + implied));
        }
        if (d.bits() != null) {
            String bits = d.bits().toLowerCase(Locale.ROOT);
            if (format.equals("mp3")) {
                throw new RuleViolation(INVALID_DELIVERABLE, "bits apply to wav and flac; an mp3 is encoded at 320 kbps");
            }
            if (!BITS.contains(bits)) {
                throw new RuleViolation(INVALID_DELIVERABLE, "bits must be 16, 24 or 32f, not " + d.bits());
            }
            if (format.equals("flac") && bits.equals("32f")) {
                throw new RuleViolation(INVALID_DELIVERABLE, "FLAC stores integers only: choose 16 or 24 bits");
            }
        }
        if (d.sampleRate() != null) {
            if (d.sampleRate() < MIN_RATE_HZ || d.sampleRate() > MAX_RATE_HZ) {
                throw new RuleViolation(INVALID_DELIVERABLE, "sample rate must be " + MIN_RATE_HZ + " to " + MAX_RATE_HZ + " Hz, not " + d.sampleRate());
            }
            if (format.equals("mp3") && !MP3_RATES_HZ.contains(d.sampleRate())) {
                throw new RuleViolation(INVALID_DELIVERABLE, "an mp3 is written at 32000, 44100 or 48000 Hz, not " + d.sampleRate());
            }
        }
        checkTarget(d.target());
        return format;
    }

    /**
     * A deliverable's file name: a valid object-key segment that does not take the name of a file
     * the worker writes beside it (the report, and for a mix job the mix itself).
     */
    static void checkName(JobKind kind, String name) {
        if (name == null || name.isBlank()) {
            throw new RuleViolation(INVALID_DELIVERABLE, "a deliverable needs a file name");
        }
        try {
            ObjectKeys.segment("file name", name);
        } catch (IllegalArgumentException e) {
            throw new RuleViolation(INVALID_DELIVERABLE, e.getMessage());
        }
        if (name.equalsIgnoreCase(REPORT_NAME) || kind == JobKind.MIX && name.equalsIgnoreCase(MIX_NAME)) {
            throw new RuleViolation(INVALID_DELIVERABLE, "the name " + name + " is reserved for the "
                    + (name.equalsIgnoreCase(REPORT_NAME) ? "job's report" : "mix the masters are made from") + "; choose another");
        }
    }

    /** A null target means the default (spotify). */
    public static void checkTarget(TargetSpec t) {
        if (t == null) {
            return;
        }
        if (t.lufs() != null) {
            double ceiling = t.ceilingDbtp() == null ? -1.0 : t.ceilingDbtp();
            if (!(t.lufs() >= -70 && t.lufs() <= 0)) {
                throw new RuleViolation(INVALID_DELIVERABLE, "target loudness must be between -70 and 0 LUFS, got " + t.lufs());
            }
            if (!(ceiling >= -20 && ceiling <= 0)) {
                throw new RuleViolation(INVALID_DELIVERABLE, "true-peak ceiling must be between -20 and 0 dBTP, got " + ceiling);
            }
            if (t.lufs() >= ceiling) {
                throw new RuleViolation(INVALID_DELIVERABLE, "target loudness " + t.lufs() + " LUFS must be below the ceiling " + ceiling + " dBTP");
            }
            return;
        }
        if (t.name() == null) {
            throw new RuleViolation(INVALID_DELIVERABLE, "a target needs a name or a loudness");
        }
        if (!TARGETS.contains(t.name().toLowerCase(Locale.ROOT))) {
            throw new RuleViolation(UNSUPPORTED_TARGET, "unknown target '" + t.name() + "' (known: " + String.join(", ", TARGETS) + ")");
        }
    }

    /** The format a file name's extension implies, or null. */
    static String formatOf(String name) {
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        if (ext.equals("wave")) {
            return "wav";
        }
        return FORMATS.contains(ext) ? ext : null;
    }
}
