package dev.mixdown.dsp.stereo;

import dev.mixdown.dsp.processor.AudioProcessor;
import dev.mixdown.dsp.processor.ProcessSpec;

/**
 * Mid/side width on a stereo pair: the side signal is scaled by {@code width} (0 mono, 1
 * unchanged, above 1 wider). Mono and multichannel blocks pass through.
 */
public final class StereoWidth implements AudioProcessor {
    private final double width;
    private int channels;

    public StereoWidth(double width) {
        if (width < 0 || width > 2) {
            throw new IllegalArgumentException("width must be between 0 and 2: " + width);
        }
        this.width = width;
    }

    @Override
    public void prepare(ProcessSpec spec) {
        channels = spec.channels();
    }

    @Override
    public void process(float[][] block, int offset, int frames) {
        if (channels != 2 || width == 1.0) {
            return;
        }
        float[] l = block[0];
        float[] r = block[1];
        float w = (float) width;
        for (int i = offset, end = offset + frames; i < end; i++) {
            float mid = 0.5f * (l[i] + r[i]);
            float side = 0.5f * (l[i] - r[i]) * w;
            l[i] = mid + side;
            r[i] = mid - side;
        }
    }

    @Override
    public void reset() {
        // stateless
    }

    public double width() {
        return width;
    }
}
