package dev.mixdown.dsp.io;

/**
 * What a reader found in a file's header.
 *
 * @param container     "WAV", "AIFF", "AIFC" or "FLAC"
 * @param sampleRate    frames per second
 * @param channels      1 to 8
 * @param bitsPerSample bits of one stored sample (8, 16, 24, 32 or 64)
 * @param encoding      how a sample is stored
 * @param frames        number of sample frames, or -1 when the header does not say
 */
public record AudioStreamInfo(
        String container, int sampleRate, int channels, int bitsPerSample, SampleEncoding encoding, long frames) {

    /** Duration in seconds, or NaN when the length is not known in advance. */
    public double durationSeconds() {
        return frames < 0 ? Double.NaN : (double) frames / sampleRate;
    }
}
