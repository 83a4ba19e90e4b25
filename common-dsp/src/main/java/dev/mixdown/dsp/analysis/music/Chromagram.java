package dev.mixdown.dsp.analysis.music;

import dev.mixdown.dsp.util.DoubleSeries;

/**
 * Pitch-class profile (chroma) from an STFT whose bins are mapped to the 12 pitch classes
 * (Fujishima 1999, "Realtime chord recognition of musical sound: a system using Common Lisp Music";
 * the STFT-bin mapping of Müller 2015, Fundamentals of Music Processing, 3.1.2). Hann frames of
 * about 0.3 s (a power of two) hopping a quarter frame; bins between C2 (65 Hz) and B6 (1976 Hz)
 * add their magnitude to the nearest pitch class with a triangular weight that falls to zero
 * half a semitone away, which keeps leakage between neighbouring semitones low.
 *
 * <p>Frame {@code m} covers analysis samples {@code [m·hop, m·hop + N)}. Streaming like
 * {@link OnsetStrength}.
 */
final class Chromagram {
    private static final int LOWEST_MIDI = 36;
    private static final int HIGHEST_MIDI = 95;

    private final int size;
    private final int hop;
    private final SlidingSpectrum spectrum;
    private final int[] binClass;
    private final float[] binWeight;
    private final int firstBin;
    private final int lastBin;
    private final double[] vector = new double[12];
    private final DoubleSeries values = new DoubleSeries();
    private int frames;
    private final int analysisRate;

    Chromagram(int analysisRate) {
        this.analysisRate = analysisRate;
        this.size = Integer.highestOneBit((int) Math.round(analysisRate * 0.3)) * 2;
        this.hop = size / 4;
        this.spectrum = new SlidingSpectrum(size, hop);
        double binHz = (double) analysisRate / size;
        double lowHz = 440 * Math.pow(2, (LOWEST_MIDI - 0.5 - 69) / 12.0);
        double highHz = Math.min(440 * Math.pow(2, (HIGHEST_MIDI + 0.5 - 69) / 12.0), analysisRate * 0.45);
        this.firstBin = Math.max(1, (int) Math.ceil(lowHz / binHz));
        this.lastBin = Math.min(size / 2 - 1, (int) Math.floor(highHz / binHz));
        this.binClass = new int[size / 2];
        this.binWeight = new float[size / 2];
        for (int b = firstBin; b <= lastBin; b++) {
            double midi = 69 + 12 * Math.log(b * binHz / 440) / Math.log(2);
            long nearest = Math.round(midi);
            binClass[b] = (int) Math.floorMod(nearest, 12L);
            binWeight[b] = (float) Math.max(0, 1 - 2 * Math.abs(midi - nearest));
        }
    }

    void accept(float sample) {
        if (spectrum.accept(sample)) {
            analyseFrame(spectrum.spectrum());
        }
    }

    private void analyseFrame(float[] frame) {
        java.util.Arrays.fill(vector, 0);
        for (int b = firstBin; b <= lastBin; b++) {
            double re = frame[2 * b];
            double im = frame[2 * b + 1];
            vector[binClass[b]] += binWeight[b] * Math.sqrt(re * re + im * im);
        }
        for (int c = 0; c < 12; c++) {
            values.add(vector[c] / size);
        }
        frames++;
    }

    int frames() {
        return frames;
    }

    /** Seconds between frames. */
    double hopSeconds() {
        return (double) hop / analysisRate;
    }

    /** Length of the analysis window in seconds. */
    double windowSeconds() {
        return (double) size / analysisRate;
    }

    /** Time of frame 0's centre in analysis samples. */
    double firstFrameCentreSamples() {
        return size / 2.0;
    }

    /** frames × 12 chroma values (linear magnitude). */
    double[][] matrix() {
        double[][] out = new double[frames][12];
        for (int f = 0; f < frames; f++) {
            for (int c = 0; c < 12; c++) {
                out[f][c] = values.get(f * 12 + c);
            }
        }
        return out;
    }
}
