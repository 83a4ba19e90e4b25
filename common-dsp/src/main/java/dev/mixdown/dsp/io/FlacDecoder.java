package dev.mixdown.dsp.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * A FLAC decoder (RFC 9639): STREAMINFO, then frames of constant, verbatim, fixed and LPC
 * subframes with Rice-coded residuals and stereo decorrelation. Every frame header's CRC-8 and
 * every frame's CRC-16 are checked; a mismatch, a bad code or a short file is an error that names
 * the file and the sample where it happened. See ADR 0002 for why this is ours rather than jFLAC.
 */
final class FlacDecoder implements AudioSource {
    private static final int[] CRC8 = crcTable(0x07, 8);
    private static final int[] CRC16 = crcTable(0x8005, 16);

    private final Path path;
    private final FileChannel channel;
    private final FlacBitReader in;
    private final AudioStreamInfo info;
    private final int bitsPerSample;
    private final float scale;
    private final int maxFrameBytes;
    private int[][] samples;
    private int[] residual;
    private final int[] coef = new int[32];
    private int frameLength;
    private int frameOffset;
    private long decoded;

    private FlacDecoder(Path path, FileChannel channel) throws IOException {
        this.path = path;
        this.channel = channel;
        this.in = new FlacBitReader(channel, 0, 1 << 20);
        try {
            skipId3();
            if (in.bits(32) != 0x664C6143) { // "fLaC"
                throw new AudioFileException(path, "not a FLAC stream (no 'fLaC' marker)");
            }
            boolean last;
            int rate = 0;
            int ch = 0;
            int bps = 0;
            long total = 0;
            int maxBlock = 0;
            int maxFrame = 0;
            boolean seenInfo = false;
            do {
                last = in.bit();
                int type = in.bits(7);
                int length = in.bits(24);
                if (type == 0) {
                    if (length < 34) {
                        throw new AudioFileException(path, "STREAMINFO block is " + length + " bytes, needs 34");
                    }
                    in.bits(16); // min block size
                    maxBlock = in.bits(16);
                    in.bits(24); // min frame size
                    maxFrame = in.bits(24);
                    rate = in.bits(20);
                    ch = in.bits(3) + 1;
                    bps = in.bits(5) + 1;
                    total = in.bitsLong(36);
                    for (int i = 0; i < 16; i++) {
                        in.bits(8); // MD5
                    }
                    skipBytes(length - 34);
                    seenInfo = true;
                } else {
                    skipBytes(length);
                }
            } while (!last);
            if (!seenInfo) {
                throw new AudioFileException(path, "FLAC stream has no STREAMINFO block");
            }
            AudioLimits.check(path, rate, ch);
            if (bps < 4 || bps > 32) {
                throw new AudioFileException(path, "unsupported FLAC depth of " + bps + " bits");
            }
            this.bitsPerSample = bps;
            this.scale = (float) (1.0 / (1L << (bps - 1)));
            this.maxFrameBytes = maxFrame > 0 ? maxFrame + 16 : 16 + ch * Math.max(maxBlock, 4608) * 4 + 1024;
            this.info = new AudioStreamInfo("FLAC", rate, ch, bps, SampleEncoding.SIGNED_INT, total > 0 ? total : -1);
            int block = Math.max(maxBlock, 16);
            this.samples = new int[ch][block];
            this.residual = new int[block];
        } catch (EOFException e) {
            throw new AudioFileException(path, "file ends inside the FLAC header (truncated)");
        }
    }

    static AudioSource open(Path path, FileChannel channel) throws IOException {
        return new FlacDecoder(path, channel);
    }

    private void skipId3() throws IOException {
        byte[] b = in.buffer();
        int p = in.bytePosition();
        if (in.available() >= 10 && b[p] == 'I' && b[p + 1] == 'D' && b[p + 2] == '3') {
            in.bits(32);
            in.bits(16);
            int size = 0;
            for (int i = 0; i < 4; i++) {
                size = (size << 7) | (in.bits(8) & 0x7f);
            }
            skipBytes(size);
        }
    }

    private void skipBytes(int n) throws IOException {
        while (n > 0) {
            in.refill(Math.min(n, 1 << 16));
            int step = Math.min(n, Math.max(1, in.available()));
            for (int i = 0; i < step; i++) {
                in.bits(8);
            }
            n -= step;
        }
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public AudioStreamInfo info() {
        return info;
    }

    @Override
    public int read(float[][] planar, int offset, int maxFrames) throws IOException {
        if (frameOffset >= frameLength && !nextFrame()) {
            return -1;
        }
        int n = Math.min(maxFrames, frameLength - frameOffset);
        for (int ch = 0; ch < samples.length; ch++) {
            int[] src = samples[ch];
            float[] dst = planar[ch];
            for (int i = 0; i < n; i++) {
                dst[offset + i] = src[frameOffset + i] * scale;
            }
        }
        frameOffset += n;
        return n;
    }

    private boolean nextFrame() throws IOException {
        long total = info.frames();
        if (total > 0 && decoded >= total) {
            return false;
        }
        in.refill(maxFrameBytes);
        if (in.available() == 0) {
            if (total > 0 && decoded < total) {
                throw new AudioFileException(path, "FLAC stream ends after " + decoded + " of " + total + " samples (truncated)");
            }
            return false;
        }
        try {
            decodeFrame();
        } catch (EOFException e) {
            throw new AudioFileException(path, "FLAC stream ends inside the frame after sample " + decoded
                    + (total > 0 ? " of " + total : "") + " (truncated)");
        } catch (RuntimeException e) {
            throw new AudioFileException(path, "corrupt FLAC frame after sample " + decoded + ": " + e, e);
        }
        if (total > 0) {
            frameLength = (int) Math.min(frameLength, total - decoded);
        }
        decoded += frameLength;
        frameOffset = 0;
        return frameLength > 0;
    }

    private AudioFileException corrupt(String what) {
        return new AudioFileException(path, "corrupt FLAC frame after sample " + decoded + ": " + what);
    }

    private void decodeFrame() throws IOException {
        int start = in.bytePosition();
        int sync = in.bits(15);
        if (sync != 0x7FFC) {
            throw corrupt(String.format("lost frame sync (found 0x%04X)", sync << 1));
        }
        in.bits(1); // blocking strategy
        int blockCode = in.bits(4);
        int rateCode = in.bits(4);
        int assignment = in.bits(4);
        int sizeCode = in.bits(3);
        if (in.bits(1) != 0) {
            throw corrupt("reserved header bit set");
        }
        // UTF-8-like coded frame or sample number
        int first = in.bits(8);
        int extra = first < 0x80 ? 0 : first >= 0xFE ? 6 : Integer.numberOfLeadingZeros(~(first << 24)) - 1;
        for (int i = 0; i < extra; i++) {
            if ((in.bits(8) & 0xC0) != 0x80) {
                throw corrupt("bad frame number");
            }
        }
        int blockSize;
        switch (blockCode) {
            case 0:
                throw corrupt("reserved block size");
            case 1:
                blockSize = 192;
                break;
            case 6:
                blockSize = in.bits(8) + 1;
                break;
            case 7:
                blockSize = in.bits(16) + 1;
                break;
            default:
                blockSize = blockCode <= 5 ? 576 << (blockCode - 2) : 256 << (blockCode - 8);
        }
        if (rateCode == 12) {
            in.bits(8);
        } else if (rateCode == 13 || rateCode == 14) {
            in.bits(16);
        } else if (rateCode == 15) {
            throw corrupt("invalid sample rate code");
        }
        int headerEnd = in.bytePosition();
        int crc8 = in.bits(8);
        if (crc8 != crc(CRC8, in.buffer(), start, headerEnd, 8)) {
            throw corrupt("header CRC mismatch");
        }
        int bps;
        switch (sizeCode) {
            case 0:
                bps = bitsPerSample;
                break;
            case 1:
                bps = 8;
                break;
            case 2:
                bps = 12;
                break;
            case 4:
                bps = 16;
                break;
            case 5:
                bps = 20;
                break;
            case 6:
                bps = 24;
                break;
            case 7:
                bps = 32;
                break;
            default:
                throw corrupt("reserved sample size");
        }
        int channels = assignment < 8 ? assignment + 1 : 2;
        if (assignment > 10) {
            throw corrupt("reserved channel assignment");
        }
        if (channels != samples.length) {
            throw corrupt(channels + " channels in a " + samples.length + "-channel stream");
        }
        if (blockSize > samples[0].length) {
            for (int ch = 0; ch < samples.length; ch++) {
                samples[ch] = new int[blockSize];
            }
            residual = new int[blockSize];
        }
        for (int ch = 0; ch < channels; ch++) {
            boolean side = (assignment == 8 && ch == 1) || (assignment == 9 && ch == 0) || (assignment == 10 && ch == 1);
            subframe(samples[ch], blockSize, bps + (side ? 1 : 0));
        }
        in.align();
        int frameEnd = in.bytePosition();
        int crc16 = in.bits(16);
        if (crc16 != crc(CRC16, in.buffer(), start, frameEnd, 16)) {
            throw corrupt("frame CRC mismatch");
        }
        decorrelate(assignment, blockSize);
        frameLength = blockSize;
    }

    private void decorrelate(int assignment, int n) {
        int[] a = samples[0];
        int[] b = samples.length > 1 ? samples[1] : null;
        switch (assignment) {
            case 8: // left, side
                for (int i = 0; i < n; i++) {
                    b[i] = a[i] - b[i];
                }
                break;
            case 9: // side, right
                for (int i = 0; i < n; i++) {
                    a[i] += b[i];
                }
                break;
            case 10: // mid, side
                for (int i = 0; i < n; i++) {
                    int side = b[i];
                    int mid = (a[i] << 1) | (side & 1);
                    a[i] = (mid + side) >> 1;
                    b[i] = (mid - side) >> 1;
                }
                break;
            default:
                break;
        }
    }

    private void subframe(int[] out, int n, int bps) throws IOException {
        if (in.bit()) {
            throw corrupt("subframe padding bit set");
        }
        int type = in.bits(6);
        int wasted = 0;
        if (in.bit()) {
            wasted = in.unary() + 1;
            bps -= wasted;
        }
        if (type == 0) {
            int v = in.signed(bps);
            java.util.Arrays.fill(out, 0, n, v);
        } else if (type == 1) {
            for (int i = 0; i < n; i++) {
                out[i] = in.signed(bps);
            }
        } else if (type >= 8 && type <= 12) {
            int order = type - 8;
            for (int i = 0; i < order; i++) {
                out[i] = in.signed(bps);
            }
            residual(n, order);
            fixed(out, n, order);
        } else if (type >= 32) {
            int order = type - 31;
            for (int i = 0; i < order; i++) {
                out[i] = in.signed(bps);
            }
            int precision = in.bits(4) + 1;
            if (precision == 16) {
                throw corrupt("invalid LPC precision");
            }
            int shift = in.signed(5);
            if (shift < 0) {
                throw corrupt("negative LPC shift");
            }
            for (int i = 0; i < order; i++) {
                coef[i] = in.signed(precision);
            }
            residual(n, order);
            lpc(out, n, order, shift);
        } else {
            throw corrupt("reserved subframe type " + type);
        }
        if (wasted > 0) {
            for (int i = 0; i < n; i++) {
                out[i] <<= wasted;
            }
        }
    }

    private void residual(int n, int order) throws IOException {
        int method = in.bits(2);
        if (method > 1) {
            throw corrupt("reserved residual coding method");
        }
        int paramBits = method == 0 ? 4 : 5;
        int escape = method == 0 ? 15 : 31;
        int partitionOrder = in.bits(4);
        int partitions = 1 << partitionOrder;
        int per = n >> partitionOrder;
        if (per << partitionOrder != n || per < order) {
            throw corrupt("residual partitions do not fit the block");
        }
        int at = order;
        for (int p = 0; p < partitions; p++) {
            int count = p == 0 ? per - order : per;
            int k = in.bits(paramBits);
            if (k == escape) {
                int raw = in.bits(5);
                for (int i = 0; i < count; i++) {
                    residual[at + i] = raw == 0 ? 0 : in.signed(raw);
                }
            } else {
                in.rice(k, residual, at, count);
            }
            at += count;
        }
    }

    private void fixed(int[] x, int n, int order) {
        int[] r = residual;
        switch (order) {
            case 0:
                System.arraycopy(r, 0, x, 0, n);
                break;
            case 1:
                for (int i = 1; i < n; i++) {
                    x[i] = r[i] + x[i - 1];
                }
                break;
            case 2:
                for (int i = 2; i < n; i++) {
                    x[i] = r[i] + 2 * x[i - 1] - x[i - 2];
                }
                break;
            case 3:
                for (int i = 3; i < n; i++) {
                    x[i] = r[i] + 3 * x[i - 1] - 3 * x[i - 2] + x[i - 3];
                }
                break;
            default:
                for (int i = 4; i < n; i++) {
                    x[i] = r[i] + 4 * x[i - 1] - 6 * x[i - 2] + 4 * x[i - 3] - x[i - 4];
                }
        }
    }

    private void lpc(int[] x, int n, int order, int shift) {
        int[] r = residual;
        for (int i = order; i < n; i++) {
            long sum = 0;
            for (int j = 0; j < order; j++) {
                sum += (long) coef[j] * x[i - j - 1];
            }
            x[i] = r[i] + (int) (sum >> shift);
        }
    }

    private static int crc(int[] table, byte[] b, int from, int to, int width) {
        int crc = 0;
        int mask = (1 << width) - 1;
        for (int i = from; i < to; i++) {
            crc = ((crc << 8) ^ table[((crc >>> (width - 8)) ^ (b[i] & 0xff)) & 0xff]) & mask;
        }
        return crc;
    }

    private static int[] crcTable(int poly, int width) {
        int[] t = new int[256];
        int top = 1 << (width - 1);
        int mask = (1 << width) - 1;
        for (int i = 0; i < 256; i++) {
            int c = i << (width - 8);
            for (int k = 0; k < 8; k++) {
                c = (c & top) != 0 ? (c << 1) ^ poly : c << 1;
            }
            t[i] = c & mask;
        }
        return t;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
