package dev.mixdown.dsp.packaging;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jaudiotagger.audio.AudioFile;
import org.jaudiotagger.audio.AudioFileIO;
import org.jaudiotagger.audio.exceptions.CannotReadException;
import org.jaudiotagger.audio.exceptions.CannotWriteException;
import org.jaudiotagger.audio.exceptions.InvalidAudioFrameException;
import org.jaudiotagger.audio.exceptions.ReadOnlyFileException;
import org.jaudiotagger.audio.mp3.MP3File;
import org.jaudiotagger.tag.FieldDataInvalidException;
import org.jaudiotagger.tag.FieldKey;
import org.jaudiotagger.tag.TagException;
import org.jaudiotagger.tag.TagOptionSingleton;
import org.jaudiotagger.tag.flac.FlacTag;
import org.jaudiotagger.tag.id3.ID3v24Frame;
import org.jaudiotagger.tag.id3.ID3v24Frames;
import org.jaudiotagger.tag.id3.ID3v24Tag;
import org.jaudiotagger.tag.id3.framebody.FrameBodyTXXX;
import org.jaudiotagger.tag.id3.valuepair.TextEncoding;

/** MP3 (ID3v2.4) and FLAC (Vorbis comments) metadata, written with jaudiotagger. */
final class TaggerMetadata {
    static {
        // jaudiotagger reports every frame it reads at INFO: keep the workers' logs for our own lines
        Logger.getLogger("org.jaudiotagger").setLevel(Level.WARNING);
        // TCON as the genre's words, not an ID3v1 genre number
        TagOptionSingleton.getInstance().setWriteMp3GenresAsText(true);
    }

    private TaggerMetadata() {
    }

    /** TIT2, TPE1, TCOM, TPUB, TSRC, TBPM, TKEY, TCON, and TXXX for ISWC, IPI, VERSION, LENGTH, STEM, MOOD and free fields. */
    static void embedId3(Path file, MetadataWriter.Fields f) throws IOException {
        TrackMetadata m = f.track();
        try {
            MP3File mp3 = (MP3File) AudioFileIO.read(file.toFile());
            ID3v24Tag tag = new ID3v24Tag();
            set(tag, FieldKey.TITLE, m.title());
            set(tag, FieldKey.ARTIST, m.artistLine());
            set(tag, FieldKey.COMPOSER, m.composerLine());
            set(tag, FieldKey.RECORD_LABEL, m.publisher());
            set(tag, FieldKey.ISRC, m.isrc());
            set(tag, FieldKey.BPM, m.bpmText());
            set(tag, FieldKey.KEY, m.key());
            set(tag, FieldKey.GENRE, m.genre());
            for (Map.Entry<String, String> e : userFields(f).entrySet()) {
                ID3v24Frame frame = new ID3v24Frame(ID3v24Frames.FRAME_ID_USER_DEFINED_INFO);
                frame.setBody(new FrameBodyTXXX(TextEncoding.UTF_8, e.getKey(), e.getValue()));
                tag.addField(frame);
            }
            mp3.setID3v2Tag(tag);
            mp3.commit();
        } catch (CannotReadException | TagException | ReadOnlyFileException | InvalidAudioFrameException | CannotWriteException e) {
            throw new IOException(file + ": could not write its ID3v2.4 tag: " + e.getMessage(), e);
        }
    }

    /** TITLE, ARTIST, COMPOSER, PUBLISHER, ISRC, BPM, KEY, GENRE, ISWC, IPI, VERSION, LENGTH, STEM, MOOD and free fields. */
    static void embedVorbis(Path file, MetadataWriter.Fields f) throws IOException {
        TrackMetadata m = f.track();
        try {
            AudioFile audio = AudioFileIO.read(file.toFile());
            FlacTag tag = (FlacTag) audio.getTagOrCreateAndSetDefault();
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("TITLE", m.title());
            fields.put("ARTIST", m.artistLine());
            fields.put("COMPOSER", m.composerLine());
            fields.put("PUBLISHER", m.publisher());
            fields.put("ISRC", m.isrc());
            fields.put("BPM", m.bpmText());
            fields.put("KEY", m.key());
            fields.put("GENRE", m.genre());
            fields.putAll(userFields(f));
            for (Map.Entry<String, String> e : fields.entrySet()) {
                if (e.getValue() != null && !e.getValue().isEmpty()) {
                    tag.setField(e.getKey(), e.getValue());
                }
            }
            AudioFileIO.write(audio);
        } catch (CannotReadException | TagException | ReadOnlyFileException | InvalidAudioFrameException | CannotWriteException e) {
            throw new IOException(file + ": could not write its Vorbis comments: " + e.getMessage(), e);
        }
    }

    /** The user-defined fields every format carries: ISWC, IPI, VERSION, LENGTH, STEM, MOOD and the free fields. */
    static Map<String, String> userFields(MetadataWriter.Fields f) {
        TrackMetadata m = f.track();
        Map<String, String> out = new LinkedHashMap<>();
        put(out, "ISWC", m.iswc());
        put(out, "IPI", m.ipiLine());
        put(out, "VERSION", f.version());
        put(out, "LENGTH", f.length());
        put(out, "STEM", f.stem());
        put(out, "MOOD", String.join("; ", m.moods()));
        for (Map.Entry<String, String> e : m.extra().entrySet()) {
            put(out, e.getKey().toUpperCase(java.util.Locale.ROOT), e.getValue());
        }
        return out;
    }

    private static void put(Map<String, String> out, String key, String value) {
        if (value != null && !value.isEmpty()) {
            out.put(key, value);
        }
    }

    private static void set(ID3v24Tag tag, FieldKey key, String value) throws FieldDataInvalidException {
        if (value != null && !value.isEmpty()) {
            tag.setField(key, value);
        }
    }
}
