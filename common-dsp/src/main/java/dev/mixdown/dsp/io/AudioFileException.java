package dev.mixdown.dsp.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An audio file that cannot be read or written: corrupt, truncated or of an unsupported kind.
 * The message always starts with the file's name, then says what is wrong, so that a user with
 * forty stems knows which one to fix.
 */
public final class AudioFileException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public AudioFileException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public AudioFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The file that could not be read or written. */
    public Path file() {
        return file;
    }
}
