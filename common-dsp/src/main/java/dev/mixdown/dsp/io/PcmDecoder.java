package dev.mixdown.dsp.io;

/**
 * Turns interleaved PCM bytes into planar float. Integers scale by 2^(bits-1), so full scale
 * reads as [-1, 1); floats pass through. One instance per stream; it keeps no per-call state.
 */
final class PcmDecoder {
    private final int channels;
    private final int bytesPerSample;
    private final SampleEncoding encoding;
    private final boolean bigEndian;

    PcmDecoder(int channels, int bitsPerSample, SampleEncoding encoding, boolean bigEndian) {
        this.channels = channels;
        this.bytesPerSample = bitsPerSample / 8;
        this.encoding = encoding;
        this.bigEndian = bigEndian;
    }

    int bytesPerFrame() {
        return channels * bytesPerSample;
    }

    /** Decodes {@code frames} frames from {@code src[0 ...]} into {@code dst[ch][offset ...]}. */
    void decode(byte[] src, int frames, float[][] dst, int offset) {
        int pos = 0;
        for (int i = 0; i < frames; i++) {
            for (int ch = 0; ch < channels; ch++) {
                dst[ch][offset + i] = sample(src, pos);
                pos += bytesPerSample;
            }
        }
    }

    private float sample(byte[] b, int p) {
        switch (encoding) {
            case UNSIGNED_INT:
                return ((b[p] & 0xff) - 128) * (1f / 128f);
            case SIGNED_INT:
                switch (bytesPerSample) {
                    case 1:
                        return b[p] * (1f / 128f);
                    case 2:
                        return (short) read16(b, p) * (1f / 32768f);
                    case 3:
                        return ((read24(b, p) << 8) >> 8) * (1f / 8388608f);
                    default:
                        return (float) (read32(b, p) * (1.0 / 2147483648.0));
                }
            default:
                if (bytesPerSample == 4) {
                    return Float.intBitsToFloat(read32(b, p));
                }
                long bits = bigEndian
                        ? ((long) read32(b, p) << 32) | (read32(b, p + 4) & 0xffffffffL)
                        : ((long) read32(b, p + 4) << 32) | (read32(b, p) & 0xffffffffL);
                return (float) Double.longBitsToDouble(bits);
        }
    }

    private int read16(byte[] b, int p) {
        return bigEndian
                ? ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff)
                : ((b[p + 1] & 0xff) << 8) | (b[p] & 0xff);
    }

    private int read24(byte[] b, int p) {
        return bigEndian
                ? ((b[p] & 0xff) << 16) | ((b[p + 1] & 0xff) << 8) | (b[p + 2] & 0xff)
                : ((b[p + 2] & 0xff) << 16) | ((b[p + 1] & 0xff) << 8) | (b[p] & 0xff);
    }

    private int read32(byte[] b, int p) {
        return bigEndian
                ? ((b[p] & 0xff) << 24) | ((b[p + 1] & 0xff) << 16) | ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff)
                : ((b[p + 3] & 0xff) << 24) | ((b[p + 2] & 0xff) << 16) | ((b[p + 1] & 0xff) << 8) | (b[p] & 0xff);
    }
}
