package dev.mixdown.dsp.analysis.music;

import java.util.List;

/**
 * What the music analysis found in a track.
 *
 * @param grid             tempo, beats and bars ({@link BeatGrid#none()} when no steady beat was found)
 * @param meter            "3/4", "4/4", "6/8", "9/8" or "12/8"; null without a grid
 * @param key              e.g. "A minor"; null when no key was found (silence, noise, drums only)
 * @param keyConfidence    0 to 1
 * @param sections         the track's parts in order, covering it from 0 to its end; empty for silence
 * @param barSimilarity    cosine similarity of the bars' harmony and level, bars × bars (0 to 1);
 *                         without a grid the "bars" are 2-second stretches
 * @param durationSeconds  length of the track
 */
public record MusicAnalysis(BeatGrid grid, String meter, String key, double keyConfidence, List<Section> sections,
        double[][] barSimilarity, double durationSeconds) {
}
