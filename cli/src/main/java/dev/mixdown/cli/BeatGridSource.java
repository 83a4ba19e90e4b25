package dev.mixdown.cli;

import dev.mixdown.dsp.analysis.music.BeatGrid;
import dev.mixdown.dsp.analysis.music.MusicAnalyzer;

/** Where the {@code edit} command gets a track's bar grid; tests can hand in a known one. */
@FunctionalInterface
interface BeatGridSource {
    /** The music analysis of common-dsp. */
    BeatGridSource ANALYSIS = MusicAnalyzer::beatGrid;

    BeatGrid beatGrid(float[][] audio, int sampleRate);
}
