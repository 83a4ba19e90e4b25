package dev.mixdown.dsp.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Opens audio files for reading by their content (not their extension) and creates them for writing. */
public final class AudioFiles {
    private AudioFiles() {
    }

    /**
     * Opens WAV, AIFF/AIFC, FLAC or MP3, recognised by the first bytes of the file.
     *
     * @throws AudioFileException naming the file when it is missing, empty, of another kind, or corrupt
     */
    public static AudioSource open(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            throw new AudioFileException(path, "is a folder, not an audio file");
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new AudioFileException(path, "no such file");
        } catch (IOException e) {
            throw new AudioFileException(path, "cannot open: " + e.getMessage(), e);
        }
        try {
            long size = channel.size();
            if (size == 0) {
                throw new AudioFileException(path, "empty file (0 bytes)");
            }
            ByteBuffer magic = ByteBuffer.allocate(4);
            while (magic.hasRemaining() && channel.read(magic, magic.position()) >= 0) {
                // fill up to four bytes
            }
            String id = new String(magic.array(), 0, magic.position(), java.nio.charset.StandardCharsets.ISO_8859_1);
            switch (id) {
                case "RIFF":
                case "RF64":
                    return WavReader.open(path, channel);
                case "FORM":
                    return AiffReader.open(path, channel);
                case "fLaC":
                    return FlacDecoder.open(path, channel);
                default:
                    if (id.startsWith("ID3")) {
                        // ID3 tags precede MP3 in most files, and FLAC in some taggers' output
                        try {
                            return FlacDecoder.open(path, channel);
                        } catch (AudioFileException notFlac) {
                            channel.close();
                            return Mp3Reader.open(path, FileChannel.open(path, StandardOpenOption.READ));
                        }
                    }
                    if (magic.position() >= 2 && (magic.get(0) & 0xff) == 0xff && (magic.get(1) & 0xe0) == 0xe0) {
                        return Mp3Reader.open(path, channel);
                    }
                    throw new AudioFileException(path, "not a WAV, AIFF, FLAC or MP3 file (it starts with "
                            + printable(magic.array(), magic.position()) + ")");
            }
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Creates (or replaces) {@code path} for writing in {@code format}; MP3 at 320 kbps. */
    public static AudioSink create(Path path, OutputFormat format) throws IOException {
        return create(path, format, 320);
    }

    /** Creates (or replaces) {@code path} for writing in {@code format}; {@code mp3Kbps} sets an MP3's bit rate. */
    public static AudioSink create(Path path, OutputFormat format, int mp3Kbps) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        switch (format.container()) {
            case WAV:
                return new WavWriter(path, format);
            case FLAC:
                return new FlacWriter(path, format);
            case MP3:
                return new Mp3Writer(path, format, mp3Kbps);
            default:
                throw new IllegalArgumentException("no writer for " + format.container());
        }
    }

    private static String printable(byte[] b, int n) {
        StringBuilder sb = new StringBuilder("'");
        for (int i = 0; i < n; i++) {
            int c = b[i] & 0xff;
            sb.append(c >= 32 && c < 127 ? String.valueOf((char) c) : String.format("\\x%02X", c));
        }
        return sb.append('\'').toString();
    }
}
