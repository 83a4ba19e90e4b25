package dev.mixdown.dsp.analysis.music;

/**
 * The main beat period found in an onset envelope.
 *
 * @param periodFrames the beat period in envelope frames (fractional)
 * @param bpm          the same period in beats per minute (0 when none was found)
 * @param confidence   0 to 1: the normalised autocorrelation at the period
 */
record TempoEstimate(double periodFrames, double bpm, double confidence) {
    static TempoEstimate none() {
        return new TempoEstimate(0, 0, 0);
    }
}
