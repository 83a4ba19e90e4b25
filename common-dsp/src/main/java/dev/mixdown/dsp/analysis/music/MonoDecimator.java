package dev.mixdown.dsp.analysis.music;

/**
 * Mixes planar audio to mono and decimates it by an integer factor to the analysis rate of the
 * music features (about 11 to 16 kHz), streaming. The anti-alias filter is a Blackman-windowed sinc
 * (the window method, e.g. Oppenheim &amp; Schafer, Discrete-Time Signal Processing, 7.5) whose
 * cut-off sits at 0.8 of the output Nyquist frequency; only every {@code factor}-th output is
 * computed (polyphase in effect). Coefficients are derived from the factor, so any input rate works.
 *
 * <p>Life cycle: construct for a rate and channel count, {@link #accept} blocks, read the decimated
 * samples from the {@link Sink} as they come. No allocation after construction.
 */
final class MonoDecimator {
    /** Receives decimated mono samples. */
    interface Sink {
        void accept(float sample);
    }

    /** The analysis rate never drops below this. */
    static final int MIN_ANALYSIS_RATE_HZ = 11_025;

    private final int factor;
    private final int channels;
    private final float[] taps;
    private final float[] history;
    private final Sink sink;
    private int writeIndex;
    private int phase;

    MonoDecimator(int sampleRate, int channels, Sink sink) {
        if (sampleRate <= 0 || channels <= 0) {
            throw new IllegalArgumentException("sample rate and channels must be positive");
        }
        this.factor = factorFor(sampleRate);
        this.channels = channels;
        this.sink = sink;
        int length = factor == 1 ? 1 : 8 * factor + 1;
        this.taps = new float[length];
        this.history = new float[length];
        if (factor == 1) {
            taps[0] = 1f;
        } else {
            double cutoff = 0.8 / (2.0 * factor);
            double sum = 0;
            double[] t = new double[length];
            int mid = length / 2;
            for (int i = 0; i < length; i++) {
                int n = i - mid;
                double sinc = n == 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * n) / (Math.PI * n);
                double w = 0.42 - 0.5 * Math.cos(2 * Math.PI * i / (length - 1)) + 0.08 * Math.cos(4 * Math.PI * i / (length - 1));
                t[i] = sinc * w;
                sum += t[i];
            }
            for (int i = 0; i < length; i++) {
                taps[i] = (float) (t[i] / sum);
            }
        }
    }

    /** The integer decimation factor for a rate: the largest that keeps the analysis rate at or above 11.025 kHz. */
    static int factorFor(int sampleRate) {
        return Math.max(1, sampleRate / MIN_ANALYSIS_RATE_HZ);
    }

    int factor() {
        return factor;
    }

    /** Delay of the filter in input samples (its group delay, half its length). */
    int delayInputSamples() {
        return taps.length / 2;
    }

    void accept(float[][] planar, int offset, int frames) {
        float scale = 1f / channels;
        int length = taps.length;
        for (int i = 0; i < frames; i++) {
            float mono = 0;
            for (int ch = 0; ch < channels; ch++) {
                mono += planar[ch][offset + i];
            }
            history[writeIndex] = mono * scale;
            writeIndex = writeIndex + 1 == length ? 0 : writeIndex + 1;
            if (++phase == factor) {
                phase = 0;
                // history[writeIndex] is the oldest sample; taps are symmetric, so order does not matter.
                float acc = 0;
                int k = 0;
                for (int j = writeIndex; j < length; j++) {
                    acc += taps[k++] * history[j];
                }
                for (int j = 0; j < writeIndex; j++) {
                    acc += taps[k++] * history[j];
                }
                sink.accept(acc);
            }
        }
    }
}
