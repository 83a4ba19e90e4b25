package dev.mixdown.dsp.packaging;

import dev.mixdown.dsp.EngineVersion;
import dev.mixdown.dsp.io.AudioFileException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * WAV metadata: a BWF {@code bext} chunk (EBU Tech 3285 version 2, with the loudness fields), a
 * {@code LIST/INFO} chunk and an {@code iXML} chunk, placed before the {@code data} chunk. No
 * maintained Java library writes {@code bext} and iXML (ADR 0012), so this one does, with the
 * JDK's XML writer for iXML; any earlier copies of these chunks are replaced.
 */
final class WavMetadata {
    static final int BEXT_FIXED_BYTES = 602;
    /** The bext loudness fields' "not measured". */
    static final short UNKNOWN = 0x7FFF;

    private WavMetadata() {
    }

    static void embed(Path file, MetadataWriter.Fields f) throws IOException {
        byte[] chunks = concat(chunk("bext", bext(f)), chunk("iXML", ixml(f)), chunk("LIST", info(f)));
        Path tmp = file.resolveSibling(file.getFileName() + ".meta");
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ);
                FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE)) {
            ByteBuffer head = read(in, 0, 12, file);
            if (!ascii(head, 0).equals("RIFF") || !ascii(head, 8).equals("WAVE")) {
                throw new AudioFileException(file, "not a RIFF/WAVE file: cannot embed BWF metadata");
            }
            out.write(ByteBuffer.wrap(head.array()));
            long pos = 12;
            boolean data = false;
            while (pos + 8 <= in.size()) {
                ByteBuffer h = read(in, pos, 8, file);
                String id = ascii(h, 0);
                long size = h.getInt(4) & 0xFFFFFFFFL;
                long total = 8 + size + (size & 1);
                boolean ours = id.equals("bext") || id.equals("iXML") || id.equals("LIST") && isInfo(in, pos, file);
                if (id.equals("data") && !data) {
                    out.write(ByteBuffer.wrap(chunks));
                    data = true;
                }
                if (!ours) {
                    long copied = 0;
                    long n = Math.min(total, in.size() - pos);
                    while (copied < n) {
                        copied += in.transferTo(pos + copied, n - copied, out);
                    }
                }
                pos += total;
            }
            if (!data) {
                throw new AudioFileException(file, "no data chunk: cannot embed BWF metadata");
            }
            ByteBuffer riffSize = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) (out.size() - 8)).flip();
            out.write(riffSize, 4);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The bext chunk's body: description, originator, reference (the ISRC), version 2, loudness, coding history. */
    static byte[] bext(MetadataWriter.Fields f) {
        TrackMetadata m = f.track();
        ByteBuffer b = ByteBuffer.allocate(BEXT_FIXED_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        fixed(b, f.description(), 256);
        fixed(b, "Mixdown", 32);
        fixed(b, m.isrc() == null ? "" : m.isrc().replace("-", ""), 32);
        String date = m.extra().getOrDefault("date", "");
        fixed(b, date.matches("\\d{4}-\\d{2}-\\d{2}") ? date : "", 10);
        fixed(b, "", 8);
        b.putInt(0).putInt(0); // time reference: the file starts at 0
        b.putShort((short) 2);
        b.put(new byte[64]); // no UMID
        AudioArrays.Level l = f.loudness();
        b.putShort(hundredths(l == null ? null : l.integratedLufs()));
        b.putShort(UNKNOWN); // loudness range: not measured per file
        b.putShort(hundredths(l == null ? null : l.truePeakDbtp()));
        b.putShort(UNKNOWN);
        b.putShort(UNKNOWN);
        b.put(new byte[180]);
        byte[] history = ("T=Mixdown " + EngineVersion.get() + "\r\n").getBytes(StandardCharsets.US_ASCII);
        return concat(b.array(), history);
    }

    /** The iXML document: the standard project and note, and a MIXDOWN block with tempo, key, version, length and the people. */
    static byte[] ixml(MetadataWriter.Fields f) {
        TrackMetadata m = f.track();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            XMLStreamWriter x = XMLOutputFactory.newInstance().createXMLStreamWriter(bytes, "UTF-8");
            x.writeStartDocument("UTF-8", "1.0");
            x.writeStartElement("BWFXML");
            element(x, "IXML_VERSION", "2.10");
            element(x, "PROJECT", m.title());
            element(x, "NOTE", f.description());
            x.writeStartElement("MIXDOWN");
            element(x, "TITLE", m.title());
            element(x, "VERSION", f.version());
            element(x, "LENGTH", f.length());
            element(x, "STEM", f.stem());
            element(x, "TEMPO", m.bpm() == null ? null : Double.toString(m.bpm()));
            element(x, "KEY", m.key());
            element(x, "GENRE", m.genre());
            element(x, "MOOD", String.join("; ", m.moods()));
            element(x, "PUBLISHER", m.publisher());
            element(x, "ISRC", m.isrc());
            element(x, "ISWC", m.iswc());
            x.writeStartElement("PEOPLE");
            for (String a : m.artists()) {
                x.writeStartElement("PERSON");
                x.writeAttribute("ROLE", "artist");
                x.writeCharacters(a);
                x.writeEndElement();
            }
            for (TrackMetadata.Person p : m.composers()) {
                x.writeStartElement("PERSON");
                x.writeAttribute("ROLE", p.role() == null ? "composer" : p.role());
                if (p.ipi() != null) {
                    x.writeAttribute("IPI", p.ipi());
                }
                if (p.sharePercent() != null) {
                    x.writeAttribute("SHARE", Double.toString(p.sharePercent()));
                }
                x.writeCharacters(p.name());
                x.writeEndElement();
            }
            x.writeEndElement();
            x.writeEndElement();
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("iXML", e);
        }
        return bytes.toByteArray();
    }

    /** LIST/INFO: INAM title, IART artist, IMUS composer, ICOP publisher, IGNR genre, ISRC, ICMT version and length, ISFT. */
    static byte[] info(MetadataWriter.Fields f) {
        TrackMetadata m = f.track();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("INAM", m.title());
        fields.put("IART", m.artistLine());
        fields.put("IMUS", m.composerLine());
        fields.put("ICOP", m.publisher());
        fields.put("IGNR", m.genre());
        fields.put("ISRC", m.isrc());
        fields.put("ICMT", f.description());
        fields.put("ISFT", "Mixdown " + EngineVersion.get());
        List<byte[]> parts = new ArrayList<>();
        parts.add("INFO".getBytes(StandardCharsets.US_ASCII));
        for (Map.Entry<String, String> e : fields.entrySet()) {
            if (e.getValue() != null && !e.getValue().isEmpty()) {
                byte[] text = (e.getValue() + "\0").getBytes(StandardCharsets.UTF_8);
                parts.add(chunk(e.getKey(), text));
            }
        }
        return concat(parts.toArray(new byte[0][]));
    }

    private static boolean isInfo(FileChannel in, long pos, Path file) throws IOException {
        return pos + 12 <= in.size() && ascii(read(in, pos + 8, 4, file), 0).equals("INFO");
    }

    private static void element(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        if (value != null && !value.isEmpty()) {
            x.writeStartElement(name);
            x.writeCharacters(value);
            x.writeEndElement();
        }
    }

    private static short hundredths(Double v) {
        return v == null ? UNKNOWN : (short) Math.max(-32767, Math.min(32766, Math.round(v * 100)));
    }

    private static void fixed(ByteBuffer b, String text, int length) {
        byte[] bytes = text.replaceAll("[^\\x20-\\x7E]", "?").getBytes(StandardCharsets.US_ASCII);
        byte[] field = new byte[length];
        System.arraycopy(bytes, 0, field, 0, Math.min(length, bytes.length));
        b.put(field);
    }

    static byte[] chunk(String id, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(8 + body.length + (body.length & 1)).order(ByteOrder.LITTLE_ENDIAN);
        b.put(id.getBytes(StandardCharsets.US_ASCII)).putInt(body.length).put(body);
        return b.array();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static ByteBuffer read(FileChannel in, long pos, int n, Path file) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (in.read(b, pos + b.position()) < 0) {
                throw new AudioFileException(file, "ends inside a chunk header at byte " + pos + " (truncated)");
            }
        }
        return b.flip();
    }

    private static String ascii(ByteBuffer b, int at) {
        byte[] id = new byte[4];
        for (int i = 0; i < 4; i++) {
            id[i] = b.get(at + i);
        }
        return new String(id, StandardCharsets.US_ASCII);
    }
}
