package dev.mixdown.dsp.io;

/**
 * Float to integer sample conversion for writers: scale by 2^(bits-1), round to nearest, clip to
 * the integer range. Dither, when wanted, is applied by a processor before this point.
 */
final class SampleQuantizer {
    private SampleQuantizer() {
    }

    static int toInt(float sample, int bits) {
        double scale = (double) (1L << (bits - 1));
        long max = (1L << (bits - 1)) - 1;
        long min = -(1L << (bits - 1));
        long v = Math.round(sample * scale);
        if (v > max) {
            return (int) max;
        }
        if (v < min) {
            return (int) min;
        }
        return (int) v;
    }
}
