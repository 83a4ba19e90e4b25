package dev.mixdown.dsp.io;

import java.nio.file.Path;

/** What every file writer keeps: where it writes, in what format, and how many frames so far. */
abstract class FileSink implements AudioSink {
    protected final Path path;
    protected final OutputFormat format;
    /** Advanced by the writer as blocks are written. */
    protected long framesWritten;

    FileSink(Path path, OutputFormat format) {
        this.path = path;
        this.format = format;
    }

    @Override
    public final Path path() {
        return path;
    }

    @Override
    public final OutputFormat format() {
        return format;
    }

    @Override
    public final long framesWritten() {
        return framesWritten;
    }
}
