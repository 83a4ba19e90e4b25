package dev.mixdown.dsp.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * AIFF and AIFF-C: big-endian PCM (and AIFF-C's 'sowt' little-endian PCM, 'fl32'/'fl64' float).
 */
final class AiffReader {
    private AiffReader() {
    }

    static AudioSource open(Path path, FileChannel channel) throws IOException {
        ChunkReader in = new ChunkReader(path, channel, ByteOrder.BIG_ENDIAN);
        ByteBuffer head = in.read(0, 12, "FORM header");
        ChunkReader.fourCc(head);
        head.getInt();
        String form = ChunkReader.fourCc(head);
        boolean aifc = form.equals("AIFC");
        if (!aifc && !form.equals("AIFF")) {
            throw new AudioFileException(path, "IFF file of type '" + form + "', not AIFF or AIFC");
        }

        ByteBuffer comm = null;
        long ssndStart = -1;
        long ssndSize = -1;
        long pos = 12;
        while (pos + 8 <= in.size() && (comm == null || ssndStart < 0)) {
            ByteBuffer hdr = in.read(pos, 8, "chunk header");
            String id = ChunkReader.fourCc(hdr);
            long size = hdr.getInt() & 0xffffffffL;
            long body = pos + 8;
            if (id.equals("COMM")) {
                if (size < 18) {
                    throw new AudioFileException(path, "COMM chunk is " + size + " bytes, needs at least 18");
                }
                comm = in.read(body, (int) Math.min(size, 64), "COMM chunk");
            } else if (id.equals("SSND")) {
                ByteBuffer ssnd = in.read(body, 8, "SSND chunk");
                long offset = ssnd.getInt() & 0xffffffffL;
                ssndStart = body + 8 + offset;
                ssndSize = size - 8 - offset;
            }
            pos = body + size + (size & 1);
        }
        if (comm == null) {
            throw new AudioFileException(path, "no COMM chunk before the end of the file");
        }

        int channels = comm.getShort() & 0xffff;
        long frames = comm.getInt() & 0xffffffffL;
        int bits = comm.getShort() & 0xffff;
        double rate = readExtended(comm);
        int sampleRate = (int) Math.round(rate);
        String compression = "NONE";
        if (aifc) {
            if (comm.remaining() < 4) {
                throw new AudioFileException(path, "AIFC COMM chunk has no compression type");
            }
            compression = ChunkReader.fourCc(comm);
        }

        SampleEncoding encoding;
        boolean bigEndian = true;
        int containerBits = (bits + 7) / 8 * 8;
        switch (compression) {
            case "NONE":
            case "twos":
                encoding = SampleEncoding.SIGNED_INT;
                break;
            case "sowt":
                encoding = SampleEncoding.SIGNED_INT;
                bigEndian = false;
                break;
            case "fl32":
            case "FL32":
                encoding = SampleEncoding.FLOAT;
                containerBits = 32;
                break;
            case "fl64":
            case "FL64":
                encoding = SampleEncoding.FLOAT;
                containerBits = 64;
                break;
            default:
                throw new AudioFileException(path, "unsupported AIFF-C compression '" + compression
                        + "' (supported: NONE, twos, sowt, fl32, fl64)");
        }
        if (encoding == SampleEncoding.SIGNED_INT && (bits < 1 || bits > 32)) {
            throw new AudioFileException(path, "unsupported sample size of " + bits + " bits (supported: 1 to 32)");
        }
        AudioLimits.check(path, sampleRate, channels);
        if (frames > 0 && ssndStart < 0) {
            throw new AudioFileException(path, "COMM chunk says " + frames + " frames but there is no SSND chunk");
        }
        int frameBytes = channels * containerBits / 8;
        long dataBytes = frames * frameBytes;
        if (frames > 0) {
            long available = in.size() - ssndStart;
            if (dataBytes > available || dataBytes > ssndSize) {
                throw new AudioFileException(path, "COMM chunk claims " + frames + " frames (" + dataBytes
                        + " bytes), sound data has " + Math.min(available, ssndSize) + " bytes");
            }
        }
        AudioStreamInfo info = new AudioStreamInfo(aifc ? "AIFC" : "AIFF", sampleRate, channels, containerBits, encoding, frames);
        PcmDecoder decoder = new PcmDecoder(channels, containerBits, encoding, bigEndian);
        return new PcmFileSource(path, channel, info, decoder, Math.max(ssndStart, 0), dataBytes);
    }

    /** Reads an 80-bit IEEE 754 extended float, as AIFF stores its sample rate. */
    static double readExtended(ByteBuffer buf) {
        int signExp = buf.getShort() & 0xffff;
        long mantissa = buf.getLong();
        int exponent = (signExp & 0x7fff) - 16383 - 63;
        double value = Math.scalb((mantissa >>> 1) * 2.0 + (mantissa & 1), exponent); // unsigned mantissa
        return (signExp & 0x8000) != 0 ? -value : value;
    }
}
