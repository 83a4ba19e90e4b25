package dev.mixdown.dsp.analysis.music;

import org.jtransforms.fft.FloatFFT_1D;

/**
 * A short-time Fourier transform fed one sample at a time: Hann-windowed frames of {@code size}
 * samples every {@code hop}, the first once {@code size} samples have arrived. Frame {@code m}
 * covers samples {@code [m·hop, m·hop + size)}. No allocation per frame.
 */
final class SlidingSpectrum {
    private final int size;
    private final int hop;
    private final FloatFFT_1D fft;
    private final float[] window;
    private final double windowSum;
    private final float[] ring;
    private final float[] frame;
    private int writeIndex;
    private long received;
    private int sinceFrame;

    SlidingSpectrum(int size, int hop) {
        this.size = size;
        this.hop = hop;
        this.fft = new FloatFFT_1D(size);
        this.window = new float[size];
        double sum = 0;
        for (int i = 0; i < size; i++) {
            window[i] = (float) (0.5 - 0.5 * Math.cos(2 * Math.PI * i / size));
            sum += window[i];
        }
        this.windowSum = sum;
        this.ring = new float[size];
        this.frame = new float[size];
    }

    /** Takes one sample; true when a new frame's spectrum is ready in {@link #spectrum()}. */
    boolean accept(float sample) {
        ring[writeIndex] = sample;
        writeIndex = writeIndex + 1 == size ? 0 : writeIndex + 1;
        received++;
        if (received < size) {
            return false;
        }
        if (received == size || ++sinceFrame == hop) {
            sinceFrame = 0;
            int k = 0;
            for (int j = writeIndex; j < size; j++, k++) {
                frame[k] = ring[j] * window[k];
            }
            for (int j = 0; j < writeIndex; j++, k++) {
                frame[k] = ring[j] * window[k];
            }
            fft.realForward(frame);
            return true;
        }
        return false;
    }

    /**
     * The last frame's spectrum in JTransforms' packed real layout: {@code [2b]} and {@code [2b+1]}
     * are bin {@code b}'s real and imaginary parts for {@code 0 < b < size/2}; {@code [0]} is DC and
     * {@code [1]} the Nyquist bin, both real.
     */
    float[] spectrum() {
        return frame;
    }

    int size() {
        return size;
    }

    int hop() {
        return hop;
    }

    /** The window's sum, for normalising magnitudes so that a full-scale sine reads 1. */
    double windowSum() {
        return windowSum;
    }
}
