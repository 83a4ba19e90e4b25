package dev.mixdown.dsp.processor;

/**
 * What a processor is prepared for: it may allocate in {@code prepare} for blocks of up to
 * {@code maxBlockFrames} frames of {@code channels} channels at {@code sampleRate}, and nowhere else.
 */
public record ProcessSpec(int sampleRate, int maxBlockFrames, int channels) {
    public ProcessSpec {
        if (sampleRate <= 0 || maxBlockFrames <= 0 || channels <= 0) {
            throw new IllegalArgumentException("invalid process spec: " + sampleRate + " Hz, " + maxBlockFrames
                    + " frames, " + channels + " channels");
        }
    }
}
