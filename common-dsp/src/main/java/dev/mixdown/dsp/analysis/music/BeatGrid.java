package dev.mixdown.dsp.analysis.music;

/**
 * Where a track's beats and bars fall: what the music analysis finds and what the edits cut on.
 *
 * @param bpm             the main tempo in beats per minute (0 when no steady beat was found)
 * @param bpmConfidence   0 to 1
 * @param beatsPerBar     3 or 4; in a compound meter the beat is the dotted quarter, so 6/8 has 2, 12/8 has 4
 * @param meter           the time signature, "3/4", "4/4", "6/8", "9/8" or "12/8"; null without a grid
 * @param beatSeconds     beat times in seconds from the start, increasing
 * @param downbeatSeconds the first beat of each bar, a subset of {@code beatSeconds}, increasing
 */
public record BeatGrid(double bpm, double bpmConfidence, int beatsPerBar, String meter, double[] beatSeconds, double[] downbeatSeconds) {

    /** No steady beat (rubato, ambient, silence): edits then join at the quietest, best-matching points. */
    public static BeatGrid none() {
        return new BeatGrid(0, 0, 0, null, new double[0], new double[0]);
    }

    /** Whether a bar grid was found: at least two downbeats. */
    public boolean hasBars() {
        return downbeatSeconds.length >= 2;
    }
}
