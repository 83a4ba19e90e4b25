package dev.mixdown.dsp.packaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mpatric.mp3agic.ID3v2;
import com.mpatric.mp3agic.ID3v2Frame;
import com.mpatric.mp3agic.Mp3File;
import dev.mixdown.dsp.io.OutputFormat;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jaudiotagger.audio.AudioFileIO;
import org.jaudiotagger.tag.FieldKey;
import org.jaudiotagger.tag.wav.WavTag;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Writes each format's metadata, then reads it back with a reader that is not the writer. */
class MetadataTest {
    static final TrackMetadata TRACK = new TrackMetadata("Neon Rain", List.of("Ada Lux"),
            List.of(new TrackMetadata.Person("Ada Lovelace", "00014107338", 50.0, "composer"),
                    new TrackMetadata.Person("Bo Diddley", "00052210040", 50.0, "lyricist")),
            "Mixdown Music Publishing", "GB-ABC-26-00001", "T-345.246.800-1", "Electronic", List.of("dark", "driving"), 112.0,
            "A minor", Map.of("catalog", "MXD-001"));

    private static float[][] tone(int rate, double seconds) {
        float[][] a = new float[2][(int) (rate * seconds)];
        for (int i = 0; i < a[0].length; i++) {
            a[0][i] = (float) (0.25 * Math.sin(2 * Math.PI * 440 * i / rate));
            a[1][i] = a[0][i];
        }
        return a;
    }

    private static MetadataWriter.Fields fields() {
        return new MetadataWriter.Fields(TRACK, "instrumental", "30s", null, new AudioArrays.Level(-14.02, -1.13, -1.5, 2.0));
    }

    @Test
    @DisplayName("A WAV carries BWF bext (version 2, loudness), LIST/INFO read back by jaudiotagger, and iXML with tempo, key, version and people; its audio is unchanged")
    void wav(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("a.wav");
        AudioArrays.write(file, tone(48_000, 2), 48_000, OutputFormat.BitDepth.PCM_24, 1.0);
        float[][] before = AudioArrays.read(file).samples();
        MetadataWriter.embed(file, fields());
        MetadataWriter.embed(file, fields()); // embedding twice replaces, never duplicates
        assertArrayEquals(before[0], AudioArrays.read(file).samples()[0]);

        WavTag tag = (WavTag) AudioFileIO.read(file.toFile()).getTag();
        // jaudiotagger shows the INFO strings' terminating NUL as a space
        assertEquals("Neon Rain", tag.getInfoTag().getFirst(FieldKey.TITLE).trim());
        assertEquals("Ada Lux", tag.getInfoTag().getFirst(FieldKey.ARTIST).trim());
        assertEquals("Electronic", tag.getInfoTag().getFirst(FieldKey.GENRE).trim());

        Map<String, byte[]> chunks = chunks(Files.readAllBytes(file));
        ByteBuffer bext = ByteBuffer.wrap(chunks.get("bext")).order(ByteOrder.LITTLE_ENDIAN);
        assertTrue(new String(chunks.get("bext"), 0, 256, StandardCharsets.US_ASCII).startsWith("Neon Rain (instrumental, 30s)"));
        assertEquals("Mixdown", new String(chunks.get("bext"), 256, 7, StandardCharsets.US_ASCII));
        assertEquals("GBABC2600001", new String(chunks.get("bext"), 288, 12, StandardCharsets.US_ASCII));
        assertEquals(2, bext.getShort(346));
        assertEquals(-1402, bext.getShort(412));
        assertEquals(-113, bext.getShort(416));

        Document ixml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(chunks.get("iXML")));
        Element mixdown = (Element) ixml.getElementsByTagName("MIXDOWN").item(0);
        assertEquals("112.0", text(mixdown, "TEMPO"));
        assertEquals("A minor", text(mixdown, "KEY"));
        assertEquals("instrumental", text(mixdown, "VERSION"));
        Element second = (Element) mixdown.getElementsByTagName("PERSON").item(2);
        assertEquals("Bo Diddley", second.getTextContent());
        assertEquals("00052210040", second.getAttribute("IPI"));
        assertEquals("lyricist", second.getAttribute("ROLE"));
        assertEquals(1, countChunks(Files.readAllBytes(file), "bext"));
    }

    @Test
    @DisplayName("An MP3 carries an ID3v2.4 tag that mp3agic reads: title, artist, composer, publisher, ISRC, BPM, key, genre and TXXX ISWC/IPI/VERSION")
    void mp3(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("a.mp3");
        AudioArrays.write(file, tone(44_100, 2), new OutputFormat(OutputFormat.Container.MP3, 44_100, 2, OutputFormat.BitDepth.PCM_16),
                192, 1.0);
        MetadataWriter.embed(file, fields());
        ID3v2 tag = new Mp3File(file.toString()).getId3v2Tag();
        assertEquals("4.0", tag.getVersion());
        assertEquals("Neon Rain", tag.getTitle());
        assertEquals("Ada Lux", tag.getArtist());
        assertEquals("Ada Lovelace; Bo Diddley", tag.getComposer());
        assertEquals("Mixdown Music Publishing", tag.getPublisher());
        assertEquals(112, tag.getBPM());
        assertEquals("A minor", tag.getKey());
        assertEquals("GB-ABC-26-00001", text(tag, "TSRC"));
        assertEquals("Electronic", text(tag, "TCON"));
        Map<String, String> txxx = new HashMap<>();
        for (ID3v2Frame f : tag.getFrameSets().get("TXXX").getFrames()) {
            String[] parts = decode(f.getData()).split("\0", 2);
            txxx.put(parts[0], parts[1].replace("\0", ""));
        }
        assertEquals("T-345.246.800-1", txxx.get("ISWC"));
        assertEquals("Ada Lovelace 00014107338; Bo Diddley 00052210040", txxx.get("IPI"));
        assertEquals("instrumental", txxx.get("VERSION"));
        assertEquals("MXD-001", txxx.get("CATALOG"));
        assertTrue(AudioArrays.read(file).frames() > 40_000, "the tagged MP3 still decodes");
    }

    @Test
    @DisplayName("A FLAC carries Vorbis comments, parsed here from the metadata blocks' bytes")
    void flac(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("a.flac");
        AudioArrays.write(file, tone(48_000, 1), new OutputFormat(OutputFormat.Container.FLAC, 48_000, 2, OutputFormat.BitDepth.PCM_24),
                0, 1.0);
        MetadataWriter.embed(file, fields());
        Map<String, String> comments = vorbisComments(Files.readAllBytes(file));
        assertEquals("Neon Rain", comments.get("TITLE"));
        assertEquals("112", comments.get("BPM"));
        assertEquals("A minor", comments.get("KEY"));
        assertEquals("GB-ABC-26-00001", comments.get("ISRC"));
        assertEquals("T-345.246.800-1", comments.get("ISWC"));
        assertEquals("instrumental", comments.get("VERSION"));
        assertEquals(48_000, AudioArrays.read(file).frames());
    }

    static Map<String, byte[]> chunks(byte[] wav) {
        Map<String, byte[]> out = new HashMap<>();
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        int pos = 12;
        while (pos + 8 <= wav.length) {
            String id = new String(wav, pos, 4, StandardCharsets.US_ASCII);
            int size = b.getInt(pos + 4);
            byte[] body = new byte[Math.min(size, wav.length - pos - 8)];
            System.arraycopy(wav, pos + 8, body, 0, body.length);
            out.putIfAbsent(id, body);
            pos += 8 + size + (size & 1);
        }
        return out;
    }

    static int countChunks(byte[] wav, String id) {
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        int pos = 12;
        int n = 0;
        while (pos + 8 <= wav.length) {
            if (new String(wav, pos, 4, StandardCharsets.US_ASCII).equals(id)) {
                n++;
            }
            int size = b.getInt(pos + 4);
            pos += 8 + size + (size & 1);
        }
        return n;
    }

    static Map<String, String> vorbisComments(byte[] flac) {
        assertEquals("fLaC", new String(flac, 0, 4, StandardCharsets.US_ASCII));
        int pos = 4;
        while (true) {
            int header = flac[pos] & 0xFF;
            int length = ((flac[pos + 1] & 0xFF) << 16) | ((flac[pos + 2] & 0xFF) << 8) | (flac[pos + 3] & 0xFF);
            if ((header & 0x7F) == 4) {
                ByteBuffer b = ByteBuffer.wrap(flac, pos + 4, length).order(ByteOrder.LITTLE_ENDIAN);
                int vendor = b.getInt();
                b.position(b.position() + vendor);
                int count = b.getInt();
                Map<String, String> out = new HashMap<>();
                for (int i = 0; i < count; i++) {
                    byte[] entry = new byte[b.getInt()];
                    b.get(entry);
                    String[] kv = new String(entry, StandardCharsets.UTF_8).split("=", 2);
                    out.put(kv[0].toUpperCase(java.util.Locale.ROOT), kv[1]);
                }
                return out;
            }
            if ((header & 0x80) != 0) {
                throw new AssertionError("no VORBIS_COMMENT block");
            }
            pos += 4 + length;
        }
    }

    private static String text(Element parent, String name) {
        return parent.getElementsByTagName(name).item(0).getTextContent();
    }

    private static String text(ID3v2 tag, String frame) {
        return decode(tag.getFrameSets().get(frame).getFrames().get(0).getData()).replace("\0", "");
    }

    /** An ID3v2 text frame's bytes: an encoding byte, then the text. */
    private static String decode(byte[] data) {
        return switch (data[0]) {
            case 1 -> new String(data, 1, data.length - 1, StandardCharsets.UTF_16);
            case 2 -> new String(data, 1, data.length - 1, StandardCharsets.UTF_16BE);
            case 3 -> new String(data, 1, data.length - 1, StandardCharsets.UTF_8);
            default -> new String(data, 1, data.length - 1, StandardCharsets.ISO_8859_1);
        };
    }
}
