package dev.mixdown.dsp.analysis.music;

/**
 * A key and mode.
 *
 * @param tonic      pitch class of the tonic, 0 = C to 11 = B; -1 when no key was found
 * @param minor      whether the mode is minor
 * @param confidence 0 to 1
 */
public record KeyEstimate(int tonic, boolean minor, double confidence) {
    private static final String[] NAMES = {"C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"};

    public static KeyEstimate none() {
        return new KeyEstimate(-1, false, 0);
    }

    public boolean found() {
        return tonic >= 0;
    }

    /** e.g. "A minor", "Eb major"; null when no key was found. */
    public String name() {
        return found() ? NAMES[tonic] + (minor ? " minor" : " major") : null;
    }
}
