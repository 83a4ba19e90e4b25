package dev.mixdown.jobs.contracts;

import java.util.List;
import java.util.Locale;

/**
 * What a job may ask for, checked where the job is accepted (the gateway) without the DSP engine.
 * The workers' engine knows the same names; a test in worker-runtime keeps the two lists equal.
 */
public final class DeliveryRules {
    /** Named loudness targets, as {@code dev.mixdown.dsp.master.DeliveryTarget} defines them. */
    public static final List<String> TARGETS = List.of("spotify", "apple-music", "youtube", "amazon-music", "tidal", "deezer",
            "ebu-r128", "atsc-a85", "club");
    /** Delivered file formats. */
    public static final List<String> FORMATS = List.of("wav", "flac", "mp3");
    /** Bit depths a deliverable may ask for. */
    public static final List<String> BITS = List.of("16", "24", "32f");
    /** Stems one mix job takes. */
    public static final int MAX_STEMS = 128;
    /** Sample rates a deliverable may ask for, in Hz. */
    public static final int MIN_RATE_HZ = 8_000;
    public static final int MAX_RATE_HZ = 192_000;

    private DeliveryRules() {
    }

    /**
     * Checks one deliverable; throws an IllegalArgumentException that names the problem.
     *
     * @return the format it will be written in
     */
    public static String check(DeliverableSpec d) {
        if (d == null) {
            throw new IllegalArgumentException("a deliverable is null");
        }
        if (d.name() == null || d.name().isBlank()) {
            throw new IllegalArgumentException("a deliverable needs a file name");
        }
        String implied = formatOf(d.name());
        String format = d.format() == null ? implied : d.format().toLowerCase(Locale.ROOT);
        if (format == null) {
            throw new IllegalArgumentException("no format given and none implied by the name (known: " + String.join(", ", FORMATS) + ")");
        }
        if (!FORMATS.contains(format)) {
            throw new IllegalArgumentException("unknown format '" + d.format() + "' (known: " + String.join(", ", FORMATS) + ")");
        }
        if (implied != null && !implied.equals(format)) {
            throw new IllegalArgumentException("the name ends in ." + implied + " but the format is " + format);
        }
        if (d.bits() != null && !BITS.contains(d.bits().toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("bits must be 16, 24 or 32f, not " + d.bits());
        }
        if (d.sampleRate() != null && (d.sampleRate() < MIN_RATE_HZ || d.sampleRate() > MAX_RATE_HZ)) {
            throw new IllegalArgumentException("sample rate must be " + MIN_RATE_HZ + " to " + MAX_RATE_HZ + " Hz, not " + d.sampleRate());
        }
        checkTarget(d.target());
        return format;
    }

    /** A null target means the default (spotify). */
    public static void checkTarget(TargetSpec t) {
        if (t == null) {
            return;
        }
        if (t.lufs() != null) {
            double ceiling = t.ceilingDbtp() == null ? -1.0 : t.ceilingDbtp();
            if (!(t.lufs() >= -70 && t.lufs() <= 0)) {
                throw new IllegalArgumentException("target loudness must be between -70 and 0 LUFS, got " + t.lufs());
            }
            if (!(ceiling >= -20 && ceiling <= 0)) {
                throw new IllegalArgumentException("true-peak ceiling must be between -20 and 0 dBTP, got " + ceiling);
            }
            if (t.lufs() >= ceiling) {
                throw new IllegalArgumentException("target loudness " + t.lufs() + " LUFS must be below the ceiling " + ceiling + " dBTP");
            }
            return;
        }
        if (t.name() == null) {
            throw new IllegalArgumentException("a target needs a name or a loudness");
        }
        if (!TARGETS.contains(t.name().toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("unknown target '" + t.name() + "' (known: " + String.join(", ", TARGETS) + ")");
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
