package dev.mixdown.dsp.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file being written from planar 32-bit float blocks. Values outside [-1, 1] clip when the
 * file stores integers; {@link #close()} finishes the header and must be called.
 */
public interface AudioSink extends AutoCloseable {

    Path path();

    OutputFormat format();

    /** Writes {@code frames} frames from {@code planar[channel][offset ...]}. */
    void write(float[][] planar, int offset, int frames) throws IOException;

    /** Frames written so far. */
    long framesWritten();

    @Override
    void close() throws IOException;
}
