package dev.mixdown.dsp.packaging;

import java.util.List;

/**
 * Store previews: the producer's voice tag laid over a version on downbeats.
 *
 * @param versions    versions to preview (each gets a tagged and, if asked, an untagged MP3)
 * @param everyBars   a tag every this many bars from the first downbeat; 0 picks the bar count that puts one about every 25 s
 * @param relativeLu  the tag's loudness against the short-term loudness of the music around it (default -3 LU)
 * @param duckDb      how far the music dips under the tag (0: no ducking)
 * @param mp3Kbps     the previews' MP3 bit rate
 * @param untagged    also write an untagged MP3 of each version
 */
public record PreviewSpec(List<String> versions, int everyBars, double relativeLu, double duckDb, int mp3Kbps, boolean untagged) {
    public static final double DEFAULT_RELATIVE_LU = -3.0;
    /** Where a tag falls, on average, when the spec leaves the interval open. */
    public static final double DEFAULT_INTERVAL_SECONDS = 25.0;

    public PreviewSpec {
        versions = versions == null || versions.isEmpty() ? List.of("main") : List.copyOf(versions);
        if (everyBars < 0 || everyBars > 64) {
            throw new IllegalArgumentException("preview: everyBars must be 0 (automatic) to 64, got " + everyBars);
        }
        if (!(relativeLu >= -30 && relativeLu <= 6)) {
            throw new IllegalArgumentException("preview: relativeLu must be between -30 and +6 LU, got " + relativeLu);
        }
        if (!(duckDb >= -24 && duckDb <= 0)) {
            throw new IllegalArgumentException("preview: duckDb must be between -24 and 0 dB, got " + duckDb);
        }
        if (mp3Kbps < 32 || mp3Kbps > 320) {
            throw new IllegalArgumentException("preview: MP3 bit rate must be 32 to 320 kbit/s, got " + mp3Kbps);
        }
    }

    public static PreviewSpec defaults() {
        return new PreviewSpec(List.of("main"), 0, DEFAULT_RELATIVE_LU, 0, 192, true);
    }
}
