package dev.mixdown.dsp.spectrum;

import java.util.Arrays;
import org.jtransforms.fft.FloatFFT_1D;

/**
 * Long-term average spectrum in ISO third-octave bands (25 Hz to 20 kHz), streaming: Hann-windowed
 * FFT frames of {@value #FFT_SIZE} samples with 50 % overlap (JTransforms), power averaged over
 * frames and channels, then summed per band. Bands above the Nyquist frequency read empty.
 */
public final class ThirdOctaveSpectrum {
    public static final int FFT_SIZE = 8192;
    private final int hop;
    /** ISO 266 preferred centres, 25 Hz to 20 kHz. */
    public static final double[] CENTERS_HZ = {
        25, 31.5, 40, 50, 63, 80, 100, 125, 160, 200, 250, 315, 400, 500, 630, 800, 1000, 1250, 1600, 2000,
        2500, 3150, 4000, 5000, 6300, 8000, 10000, 12500, 16000, 20000};

    private final int sampleRate;
    private final int channels;
    private final FloatFFT_1D fft = new FloatFFT_1D(FFT_SIZE);
    private final float[] window = new float[FFT_SIZE];
    private final float[][] pending;
    private final float[] frame = new float[FFT_SIZE];
    private final double[] power = new double[FFT_SIZE / 2 + 1];
    private final double[] framePower = new double[FFT_SIZE / 2 + 1];
    private FrameListener listener;
    private int fill;
    private long frames;

    /** Frames overlapping by half: the finest estimate, for programs. */
    public ThirdOctaveSpectrum(int sampleRate, int channels) {
        this(sampleRate, channels, FFT_SIZE / 2);
    }

    /** {@code hop} frames between analysis frames: {@link #FFT_SIZE} analyses every sample once, at half the cost. */
    public ThirdOctaveSpectrum(int sampleRate, int channels, int hop) {
        if (hop <= 0 || hop > FFT_SIZE) {
            throw new IllegalArgumentException("hop must be 1 to " + FFT_SIZE + ": " + hop);
        }
        this.hop = hop;
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.pending = new float[channels][FFT_SIZE];
        for (int i = 0; i < FFT_SIZE; i++) {
            window[i] = (float) (0.5 - 0.5 * Math.cos(2 * Math.PI * i / FFT_SIZE));
        }
    }

    /** Told of every analysis frame's power spectrum, e.g. to follow pitch or tonality over time. */
    public interface FrameListener {
        /**
         * @param power one-sided power per FFT bin, summed over channels, unnormalised; only valid during the call
         * @param binHz the width of one bin
         */
        void frame(double[] power, double binHz);
    }

    /** Sets the one listener told of every frame (null for none). */
    public void setFrameListener(FrameListener listener) {
        this.listener = listener;
    }

    public void accept(float[][] block, int offset, int count) {
        int done = 0;
        while (done < count) {
            int n = Math.min(count - done, FFT_SIZE - fill);
            for (int ch = 0; ch < channels; ch++) {
                System.arraycopy(block[ch], offset + done, pending[ch], fill, n);
            }
            fill += n;
            done += n;
            if (fill == FFT_SIZE) {
                analyseFrame();
                for (int ch = 0; ch < channels; ch++) {
                    System.arraycopy(pending[ch], hop, pending[ch], 0, FFT_SIZE - hop);
                }
                fill = FFT_SIZE - hop;
            }
        }
    }

    private void analyseFrame() {
        Arrays.fill(framePower, 0);
        for (int ch = 0; ch < channels; ch++) {
            float[] p = pending[ch];
            for (int i = 0; i < FFT_SIZE; i++) {
                frame[i] = p[i] * window[i];
            }
            fft.realForward(frame);
            framePower[0] += (double) frame[0] * frame[0];
            framePower[FFT_SIZE / 2] += (double) frame[1] * frame[1];
            for (int k = 1; k < FFT_SIZE / 2; k++) {
                double re = frame[2 * k];
                double im = frame[2 * k + 1];
                framePower[k] += 2 * (re * re + im * im);
            }
        }
        for (int k = 0; k < power.length; k++) {
            power[k] += framePower[k];
        }
        if (listener != null) {
            listener.frame(framePower, (double) sampleRate / FFT_SIZE);
        }
        frames++;
    }

    /**
     * Band levels as mean-square power in dBFS (a full-scale sine reads -3.01 dB in its band), per
     * channel on average; NaN for bands above Nyquist or when nothing has been analysed.
     */
    public double[] bandLevelsDb() {
        double[] out = new double[CENTERS_HZ.length];
        // With a Hann window the power of all bins sums to N^2 * 3/8 times the signal's mean square
        // (one-sided, so 2|X|^2 per bin above DC).
        double norm = frames == 0 ? 0 : 1.0 / ((double) frames * channels * FFT_SIZE * (double) FFT_SIZE * 0.375);
        double binHz = (double) sampleRate / FFT_SIZE;
        for (int b = 0; b < CENTERS_HZ.length; b++) {
            double lo = CENTERS_HZ[b] * Math.pow(2, -1.0 / 6);
            double hi = CENTERS_HZ[b] * Math.pow(2, 1.0 / 6);
            if (frames == 0 || lo >= sampleRate / 2.0) {
                out[b] = Double.NaN;
                continue;
            }
            double sum = 0;
            for (int k = (int) Math.ceil(lo / binHz); k <= Math.min(FFT_SIZE / 2, (int) Math.floor(hi / binHz)); k++) {
                sum += power[k];
            }
            out[b] = 10 * Math.log10(sum * norm + 1e-20);
        }
        return out;
    }
}
