package dev.mixdown.dsp.analysis.music;

/**
 * Bar length and where the bars start.
 *
 * @param beatsPerBar       3 or 4
 * @param firstDownbeat     index of the first beat that is a downbeat (0 to beatsPerBar - 1)
 * @param confidence        0 to 1
 */
record MeterEstimate(int beatsPerBar, int firstDownbeat, double confidence) {
    String signature() {
        return beatsPerBar + "/4";
    }
}
