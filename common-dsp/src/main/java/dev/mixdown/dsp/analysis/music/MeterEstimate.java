package dev.mixdown.dsp.analysis.music;

/**
 * Bar length and where the bars start.
 *
 * @param beatsPerBar       2 to 4 beats (in a compound meter a beat is a dotted quarter)
 * @param compound          whether each beat divides in three eighths (6/8, 9/8, 12/8)
 * @param firstDownbeat     index of the first beat that is a downbeat (0 to beatsPerBar - 1)
 * @param confidence        0 to 1
 */
record MeterEstimate(int beatsPerBar, boolean compound, int firstDownbeat, double confidence) {
    /** "3/4", "4/4", or for a compound meter "6/8", "9/8", "12/8". */
    String signature() {
        return compound ? 3 * beatsPerBar + "/8" : beatsPerBar + "/4";
    }
}
