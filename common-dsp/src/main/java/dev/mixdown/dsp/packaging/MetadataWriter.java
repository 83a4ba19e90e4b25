package dev.mixdown.dsp.packaging;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Embeds a package's metadata into one delivered file, by its format: WAV gets BWF {@code bext},
 * {@code LIST/INFO} and iXML chunks ({@link WavMetadata}); MP3 an ID3v2.4 tag and FLAC Vorbis
 * comments, both written by jaudiotagger ({@link TaggerMetadata}). See ADR 0012.
 */
public final class MetadataWriter {
    private MetadataWriter() {
    }

    /**
     * What every format embeds about one file.
     *
     * @param loudness the file's measured loudness, for the {@code bext} loudness fields (or null)
     */
    public record Fields(TrackMetadata track, String version, String length, String stem, AudioArrays.Level loudness) {
        /** One line saying which file of the package this is: "instrumental, 30s" or "instrumental, 30s, stem bass". */
        public String description() {
            return track.title() + " (" + version + ", " + length + (stem == null ? "" : ", stem " + stem) + ")";
        }
    }

    public static void embed(Path file, Fields fields) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".wav")) {
            WavMetadata.embed(file, fields);
        } else if (name.endsWith(".mp3")) {
            TaggerMetadata.embedId3(file, fields);
        } else if (name.endsWith(".flac")) {
            TaggerMetadata.embedVorbis(file, fields);
        } else {
            throw new IllegalArgumentException(file + ": no metadata writer for this format");
        }
    }
}
