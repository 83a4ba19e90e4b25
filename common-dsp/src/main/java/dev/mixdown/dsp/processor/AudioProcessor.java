package dev.mixdown.dsp.processor;

/**
 * The one life cycle of every processor: {@link #prepare} (derive coefficients, allocate),
 * {@link #process} in place with no allocation, {@link #reset} to forget the signal's history.
 */
public interface AudioProcessor {

    void prepare(ProcessSpec spec);

    /** Processes {@code frames} frames of {@code block[channel][offset ...]} in place. */
    void process(float[][] block, int offset, int frames);

    void reset();

    /** Frames by which the output lags the input (a lookahead limiter's delay, say). */
    default int latencyFrames() {
        return 0;
    }
}
