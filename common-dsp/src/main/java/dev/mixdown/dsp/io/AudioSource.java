package dev.mixdown.dsp.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A stream of audio read from a file in blocks, as planar 32-bit float in [-1, 1) for integer
 * formats (float files pass their values through unchanged). Nothing requires the whole file in
 * memory.
 */
public interface AudioSource extends AutoCloseable {

    /** The file being read. */
    Path path();

    /** Header facts: rate, channels, depth, length. */
    AudioStreamInfo info();

    /**
     * Reads up to {@code maxFrames} frames into {@code planar[channel][offset ...]}.
     *
     * @return the number of frames read, or -1 at the end of the stream
     * @throws AudioFileException when the file turns out to be corrupt or truncated
     */
    int read(float[][] planar, int offset, int maxFrames) throws IOException;

    @Override
    void close() throws IOException;
}
