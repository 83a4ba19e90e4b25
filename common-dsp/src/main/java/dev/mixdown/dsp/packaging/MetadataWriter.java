package dev.mixdown.dsp.packaging;

import java.io.IOException;
import java.nio.file.Path;

/** Embeds a package's metadata into one delivered file, by its format. */
public final class MetadataWriter {
    private MetadataWriter() {
    }

    public static void embed(Path file, TrackMetadata metadata, String version, String length, String stem) throws IOException {
        // filled in by the metadata step
    }
}
