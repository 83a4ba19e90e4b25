package dev.mixdown.dsp.analysis.music;

/**
 * One part of a track between two boundaries where the music changes.
 *
 * @param startSeconds  start, on a downbeat when a bar grid was found
 * @param endSeconds    end (the next section's start, or the end of the track)
 * @param label         "intro", "ending", "breakdown", or a letter ("A", "B", ...) shared by sections that repeat
 * @param loudnessLufs  integrated loudness (BS.1770 gating) of the section; NaN when it is silent
 */
public record Section(double startSeconds, double endSeconds, String label, double loudnessLufs) {
}
