package dev.mixdown.dsp.dither;

import dev.mixdown.dsp.processor.AudioProcessor;
import dev.mixdown.dsp.processor.ProcessSpec;
import java.util.SplittableRandom;

/**
 * Triangular-PDF dither of ±1 LSB at a target integer depth, from a seeded generator: the same
 * seed and input give the same output, bit for bit. Apply it only when the output has fewer bits
 * than the processing (32-bit float carries 24): {@link #isNeededFor(int)}.
 */
public final class TpdfDither implements AudioProcessor {
    private final int bits;
    private final long seed;
    private SplittableRandom[] random;
    private float lsb;

    public TpdfDither(int bits, long seed) {
        this.bits = bits;
        this.seed = seed;
    }

    /** True when an integer output of {@code bits} bits needs dither after 32-bit float processing. */
    public static boolean isNeededFor(int bits) {
        return bits < 24;
    }

    @Override
    public void prepare(ProcessSpec spec) {
        lsb = (float) (1.0 / (1L << (bits - 1)));
        random = new SplittableRandom[spec.channels()];
        reset();
    }

    @Override
    public void process(float[][] block, int offset, int frames) {
        for (int ch = 0; ch < random.length; ch++) {
            SplittableRandom r = random[ch];
            float[] x = block[ch];
            for (int i = offset, end = offset + frames; i < end; i++) {
                x[i] += (float) ((r.nextDouble() - r.nextDouble()) * lsb);
            }
        }
    }

    @Override
    public void reset() {
        for (int ch = 0; ch < random.length; ch++) {
            random[ch] = new SplittableRandom(seed * 31 + ch);
        }
    }
}
