package dev.mixdown.dsp.io;

/** The range of audio the engine accepts. */
public final class AudioLimits {
    public static final int MIN_SAMPLE_RATE = 8_000;
    public static final int MAX_SAMPLE_RATE = 192_000;
    public static final int MAX_CHANNELS = 8;

    private AudioLimits() {
    }

    /** Fails with a message naming the file when rate or channel count is out of range. */
    static void check(java.nio.file.Path file, int sampleRate, int channels) throws AudioFileException {
        if (channels < 1 || channels > MAX_CHANNELS) {
            throw new AudioFileException(file, "unsupported channel count " + channels + " (supported: 1 to " + MAX_CHANNELS + ")");
        }
        if (sampleRate < MIN_SAMPLE_RATE || sampleRate > MAX_SAMPLE_RATE) {
            throw new AudioFileException(file, "unsupported sample rate " + sampleRate + " Hz (supported: "
                    + MIN_SAMPLE_RATE + " to " + MAX_SAMPLE_RATE + " Hz)");
        }
    }
}
