package dev.mixdown.dsp.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Map;

/**
 * RIFF/RF64 WAVE: PCM 8/16/24/32-bit, IEEE float 32/64, plain or WAVE_FORMAT_EXTENSIBLE.
 * Parses the chunk list, validates it against the file's real size, then streams the data chunk.
 */
final class WavReader {
    private static final int FORMAT_PCM = 0x0001;
    private static final int FORMAT_FLOAT = 0x0003;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;
    private static final long UNKNOWN_SIZE = 0xFFFFFFFFL;
    private static final Map<Integer, String> KNOWN_FORMATS = Map.of(
            0x0002, "Microsoft ADPCM", 0x0006, "A-law", 0x0007, "mu-law", 0x0011, "IMA ADPCM",
            0x0031, "GSM 6.10", 0x0050, "MPEG", 0x0055, "MPEG Layer 3", 0x00FF, "AAC", 0x2000, "AC-3");

    private WavReader() {
    }

    static AudioSource open(Path path, FileChannel channel) throws IOException {
        ChunkReader in = new ChunkReader(path, channel, ByteOrder.LITTLE_ENDIAN);
        ByteBuffer head = in.read(0, 12, "RIFF header");
        String riff = ChunkReader.fourCc(head);
        head.getInt();
        String wave = ChunkReader.fourCc(head);
        if (!wave.equals("WAVE")) {
            throw new AudioFileException(path, riff + " file of type '" + wave + "', not WAVE");
        }
        boolean rf64 = riff.equals("RF64");

        long rf64DataSize = -1;
        ByteBuffer fmt = null;
        long dataStart = -1;
        long dataSize = -1;
        long pos = 12;
        while (pos + 8 <= in.size() && (fmt == null || dataStart < 0)) {
            ByteBuffer hdr = in.read(pos, 8, "chunk header");
            String id = ChunkReader.fourCc(hdr);
            long size = hdr.getInt() & 0xffffffffL;
            long body = pos + 8;
            switch (id) {
                case "ds64":
                    ByteBuffer ds = in.read(body, 24, "ds64 chunk");
                    ds.getLong();
                    rf64DataSize = ds.getLong();
                    break;
                case "fmt ":
                    if (size < 16) {
                        throw new AudioFileException(path, "fmt chunk is " + size + " bytes, needs at least 16");
                    }
                    fmt = in.read(body, (int) Math.min(size, 40), "fmt chunk");
                    break;
                case "data":
                    dataStart = body;
                    dataSize = size;
                    if (rf64 && size == UNKNOWN_SIZE && rf64DataSize >= 0) {
                        dataSize = rf64DataSize;
                    } else if (size == UNKNOWN_SIZE) {
                        dataSize = in.size() - body; // written as a stream: runs to the end of the file
                    }
                    size = dataSize;
                    break;
                default:
                    break;
            }
            pos = body + size + (size & 1);
        }
        if (fmt == null) {
            throw new AudioFileException(path, "no fmt chunk before the end of the file");
        }
        if (dataStart < 0) {
            throw new AudioFileException(path, "no data chunk before the end of the file");
        }

        int tag = fmt.getShort() & 0xffff;
        int channels = fmt.getShort() & 0xffff;
        int sampleRate = fmt.getInt();
        fmt.getInt(); // byte rate: derived, not trusted
        int blockAlign = fmt.getShort() & 0xffff;
        int bits = fmt.getShort() & 0xffff;
        if (tag == FORMAT_EXTENSIBLE) {
            if (fmt.remaining() < 24) {
                throw new AudioFileException(path, "WAVE_FORMAT_EXTENSIBLE fmt chunk is too short ("
                        + (fmt.limit()) + " bytes, needs 40)");
            }
            fmt.getShort(); // cbSize
            fmt.getShort(); // valid bits: samples are left-justified in their container, so the container decides
            fmt.getInt(); // channel mask
            tag = fmt.getShort() & 0xffff; // the sub-format GUID starts with the format tag
        }

        SampleEncoding encoding;
        if (tag == FORMAT_PCM) {
            if (bits != 8 && bits != 16 && bits != 24 && bits != 32) {
                throw new AudioFileException(path, "unsupported PCM depth of " + bits + " bits (supported: 8, 16, 24, 32)");
            }
            encoding = bits == 8 ? SampleEncoding.UNSIGNED_INT : SampleEncoding.SIGNED_INT;
        } else if (tag == FORMAT_FLOAT) {
            if (bits != 32 && bits != 64) {
                throw new AudioFileException(path, "unsupported float depth of " + bits + " bits (supported: 32, 64)");
            }
            encoding = SampleEncoding.FLOAT;
        } else {
            String name = KNOWN_FORMATS.getOrDefault(tag, "unknown");
            throw new AudioFileException(path, String.format("unsupported WAV encoding 0x%04X (%s); PCM and IEEE float are supported", tag, name));
        }
        AudioLimits.check(path, sampleRate, channels);
        int frameBytes = channels * bits / 8;
        if (blockAlign != frameBytes) {
            throw new AudioFileException(path, "block align of " + blockAlign + " bytes does not match "
                    + channels + " channels of " + bits + " bits (" + frameBytes + " bytes)");
        }
        long available = in.size() - dataStart;
        if (dataSize > available) {
            throw new AudioFileException(path, "data chunk claims " + dataSize + " bytes, file has " + available);
        }
        long frames = dataSize / frameBytes;
        AudioStreamInfo info = new AudioStreamInfo("WAV", sampleRate, channels, bits, encoding, frames);
        PcmDecoder decoder = new PcmDecoder(channels, bits, encoding, false);
        return new PcmFileSource(path, channel, info, decoder, dataStart, frames * frameBytes);
    }
}
