package dev.mixdown.dsp.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Big-endian bit reader over a file channel, for FLAC: a large byte buffer refilled between
 * frames, read through a 64-bit cache so that unary and Rice codes cost a few instructions each.
 */
final class FlacBitReader {
    private final FileChannel channel;
    private final byte[] buf;
    private final ByteBuffer wrap;
    private int limit;
    /** Next byte of buf to load into the cache. */
    private int pos;
    private long cache;
    private int cacheBits;
    private long fileOffset;
    private boolean eof;

    FlacBitReader(FileChannel channel, long start, int capacity) throws IOException {
        this.channel = channel;
        this.buf = new byte[capacity];
        this.wrap = ByteBuffer.wrap(buf);
        this.fileOffset = start;
        refill(capacity);
    }

    /** Makes sure at least {@code want} bytes (or the rest of the file) are buffered; call at byte boundaries. */
    void refill(int want) throws IOException {
        int byteAligned = bytePosition();
        if (limit - byteAligned >= want || eof) {
            return;
        }
        int keep = limit - byteAligned;
        System.arraycopy(buf, byteAligned, buf, 0, keep);
        limit = keep;
        pos = 0; // the cache is dropped: its bytes are now at the start of buf and are read again
        cache = 0;
        cacheBits = 0;
        while (limit < buf.length) {
            wrap.limit(buf.length).position(limit);
            int n = channel.read(wrap, fileOffset);
            if (n < 0) {
                eof = true;
                break;
            }
            fileOffset += n;
            limit += n;
        }
    }

    /** Index in buf of the next unread byte (the reader must be byte-aligned for this to be exact). */
    int bytePosition() {
        return pos - cacheBits / 8;
    }

    byte[] buffer() {
        return buf;
    }

    boolean atEnd() {
        return eof && bytePosition() >= limit && cacheBits % 8 == 0;
    }

    int available() {
        return limit - bytePosition();
    }

    private void load() throws EOFException {
        while (cacheBits <= 56) {
            if (pos >= limit) {
                if (cacheBits == 0) {
                    throw new EOFException();
                }
                return;
            }
            cache |= (long) (buf[pos++] & 0xff) << (56 - cacheBits);
            cacheBits += 8;
        }
    }

    /** Reads {@code n} (0..32) bits as an unsigned value. */
    int bits(int n) throws EOFException {
        if (n == 0) {
            return 0;
        }
        if (cacheBits < n) {
            load();
            if (cacheBits < n) {
                throw new EOFException();
            }
        }
        int v = (int) (cache >>> (64 - n));
        cache <<= n;
        cacheBits -= n;
        return v;
    }

    long bitsLong(int n) throws EOFException {
        if (n <= 32) {
            return bits(n) & 0xffffffffL;
        }
        long hi = bits(n - 32) & 0xffffffffL;
        return (hi << 32) | (bits(32) & 0xffffffffL);
    }

    /** Reads {@code n} (1..32) bits as a two's complement value. */
    int signed(int n) throws EOFException {
        int v = bits(n);
        return n == 32 ? v : (v << (32 - n)) >> (32 - n);
    }

    boolean bit() throws EOFException {
        return bits(1) != 0;
    }

    /** Counts zero bits up to the next one bit, and consumes both. */
    int unary() throws EOFException {
        int count = 0;
        while (true) {
            if (cacheBits == 0) {
                load();
            }
            long visible = cache & (cacheBits == 64 ? -1L : -(1L << (64 - cacheBits)));
            if (visible != 0) {
                int z = Long.numberOfLeadingZeros(visible);
                // a shift by 64 leaves a long unchanged in Java: the one bit in the last place empties the cache
                cache = z == 63 ? 0 : cache << (z + 1);
                cacheBits -= z + 1;
                return count + z;
            }
            count += cacheBits;
            cache = 0;
            cacheBits = 0;
        }
    }

    /** Decodes {@code count} Rice-coded residuals with parameter {@code k} into {@code out[at ...]}. */
    void rice(int k, int[] out, int at, int count) throws EOFException {
        for (int i = 0; i < count; i++) {
            int q = unary();
            int v = (q << k) | bits(k);
            out[at + i] = (v >>> 1) ^ -(v & 1);
        }
    }

    /** Skips to the next byte boundary. */
    void align() throws EOFException {
        bits(cacheBits % 8);
    }
}
