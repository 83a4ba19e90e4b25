package dev.mixdown.dsp.io;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Hand-built RIFF/IFF files, for formats and faults our writers never produce. */
final class RiffBuilder {
    private final ByteOrder order;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    private RiffBuilder(ByteOrder order) {
        this.order = order;
    }

    static RiffBuilder littleEndian() {
        return new RiffBuilder(ByteOrder.LITTLE_ENDIAN);
    }

    static RiffBuilder bigEndian() {
        return new RiffBuilder(ByteOrder.BIG_ENDIAN);
    }

    /** Appends a chunk whose size field says {@code declaredSize}. */
    RiffBuilder chunk(String id, byte[] content, long declaredSize) {
        ByteBuffer h = ByteBuffer.allocate(8).order(order);
        h.put(id.getBytes(StandardCharsets.US_ASCII)).putInt((int) declaredSize);
        body.writeBytes(h.array());
        body.writeBytes(content);
        if ((content.length & 1) != 0) {
            body.write(0);
        }
        return this;
    }

    RiffBuilder chunk(String id, byte[] content) {
        return chunk(id, content, content.length);
    }

    /** The whole file: {@code outer} ("RIFF"/"FORM"), size, {@code type} ("WAVE"/"AIFF"/"AIFC"), chunks. */
    byte[] file(String outer, String type) {
        byte[] chunks = body.toByteArray();
        ByteBuffer b = ByteBuffer.allocate(12 + chunks.length).order(order);
        b.put(outer.getBytes(StandardCharsets.US_ASCII)).putInt(4 + chunks.length);
        b.put(type.getBytes(StandardCharsets.US_ASCII)).put(chunks);
        return b.array();
    }

    static byte[] wavFmt(int tag, int channels, int rate, int bits) {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) tag).putShort((short) channels).putInt(rate).putInt(rate * channels * bits / 8)
                .putShort((short) (channels * bits / 8)).putShort((short) bits);
        return b.array();
    }

    static byte[] wavFmtExtensible(int subTag, int channels, int rate, int bits, int validBits) {
        ByteBuffer b = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 0xFFFE).putShort((short) channels).putInt(rate).putInt(rate * channels * bits / 8)
                .putShort((short) (channels * bits / 8)).putShort((short) bits);
        b.putShort((short) 22).putShort((short) validBits).putInt(3);
        b.putShort((short) subTag).putShort((short) 0).putShort((short) 0).putShort((short) 0x10);
        b.put(new byte[] {(byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38, (byte) 0x9B, 0x71});
        return b.array();
    }

    static byte[] aiffComm(int channels, long frames, int bits, double rate, String compression) {
        ByteBuffer b = ByteBuffer.allocate(compression == null ? 18 : 24).order(ByteOrder.BIG_ENDIAN);
        b.putShort((short) channels).putInt((int) frames).putShort((short) bits);
        putExtended(b, rate);
        if (compression != null) {
            b.put(compression.getBytes(StandardCharsets.US_ASCII)).put((byte) 0).put((byte) 0);
        }
        return b.array();
    }

    static byte[] ssnd(byte[] samples) {
        ByteBuffer b = ByteBuffer.allocate(8 + samples.length).order(ByteOrder.BIG_ENDIAN);
        b.putInt(0).putInt(0).put(samples);
        return b.array();
    }

    /** Writes an 80-bit extended float (positive integers only, which is all a sample rate is). */
    static void putExtended(ByteBuffer b, double value) {
        long v = (long) value;
        int shift = Long.numberOfLeadingZeros(v);
        int exponent = 16383 + 63 - shift;
        b.putShort((short) exponent).putLong(v << shift);
    }

    static byte[] samples(ByteOrder order, int bytesEach, long... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * bytesEach).order(order);
        for (long v : values) {
            switch (bytesEach) {
                case 1:
                    b.put((byte) v);
                    break;
                case 2:
                    b.putShort((short) v);
                    break;
                case 3:
                    if (order == ByteOrder.LITTLE_ENDIAN) {
                        b.put((byte) v).put((byte) (v >> 8)).put((byte) (v >> 16));
                    } else {
                        b.put((byte) (v >> 16)).put((byte) (v >> 8)).put((byte) v);
                    }
                    break;
                case 4:
                    b.putInt((int) v);
                    break;
                default:
                    b.putLong(v);
            }
        }
        return b.array();
    }
}
