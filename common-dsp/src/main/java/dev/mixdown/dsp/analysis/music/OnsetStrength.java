package dev.mixdown.dsp.analysis.music;

import dev.mixdown.dsp.util.DoubleSeries;

/**
 * Onset strength envelope: log-compressed spectral flux with a maximum filter across frequency on
 * the reference frame (Böck &amp; Widmer 2013, "Maximum filter vibrato suppression for onset
 * detection", the SuperFlux; log compression as in Klapuri 1999 and Ellis 2007). Hann-windowed
 * frames of about 46 ms, a hop of about 10 ms (100 frames per second), magnitudes normalised so a
 * full-scale sine reads 1, compressed as log(1 + 100·|X|). Two envelopes: the full band, and the
 * band below {@value #LOW_BAND_HZ} Hz (kick drum and bass: bar-level accents).
 *
 * <p>Frame {@code m} covers analysis samples {@code [m·hop, m·hop + N)}; its time is the frame centre.
 * Streaming: feed samples at the analysis rate with {@link #accept(float)}; no allocation per frame
 * except the amortised growth of the envelopes.
 */
final class OnsetStrength {
    static final double LOW_BAND_HZ = 150;
    private static final double COMPRESSION = 100;

    private final int analysisRate;
    private final int size;
    private final int hop;
    private final SlidingSpectrum frames;
    private double[] previous;
    private double[] current;
    private final int lowBins;
    private final double normalisation;
    private final DoubleSeries flux = new DoubleSeries();
    private final DoubleSeries lowFlux = new DoubleSeries();

    OnsetStrength(int analysisRate) {
        this.analysisRate = analysisRate;
        this.size = Integer.highestOneBit((int) Math.round(analysisRate * 0.064));
        this.hop = Math.max(1, (int) Math.round(analysisRate / 100.0));
        this.frames = new SlidingSpectrum(size, hop);
        this.normalisation = 2.0 / frames.windowSum();
        this.previous = new double[size / 2 + 1];
        this.current = new double[size / 2 + 1];
        this.lowBins = (int) Math.floor(LOW_BAND_HZ * size / analysisRate);
    }

    void accept(float sample) {
        if (frames.accept(sample)) {
            analyseFrame(frames.spectrum());
        }
    }

    private void analyseFrame(float[] frame) {
        int half = size / 2;
        current[0] = logCompressed(Math.abs(frame[0]) * normalisation * 0.5);
        current[half] = logCompressed(Math.abs(frame[1]) * normalisation * 0.5);
        for (int b = 1; b < half; b++) {
            double re = frame[2 * b];
            double im = frame[2 * b + 1];
            current[b] = logCompressed(Math.sqrt(re * re + im * im) * normalisation);
        }
        double all = 0;
        double low = 0;
        if (flux.size() > 0) {
            for (int b = 1; b < half; b++) {
                double reference = Math.max(previous[b], Math.max(previous[b - 1], previous[b + 1]));
                double rise = current[b] - reference;
                if (rise > 0) {
                    all += rise;
                    if (b <= lowBins) {
                        low += rise;
                    }
                }
            }
        }
        flux.add(all);
        lowFlux.add(low);
        double[] t = previous;
        previous = current;
        current = t;
    }

    /** log(1 + 100·magnitude); Math.log of the sum is several times faster than Math.log1p and as exact here. */
    private static double logCompressed(double magnitude) {
        return Math.log(1 + COMPRESSION * magnitude);
    }

    /** Frames per second of the envelopes. */
    double framesPerSecond() {
        return (double) analysisRate / hop;
    }

    /** Time of frame 0's centre in analysis samples. */
    double firstFrameCentreSamples() {
        return size / 2.0;
    }

    int hop() {
        return hop;
    }

    double[] envelope() {
        return flux.toArray();
    }

    double[] lowBandEnvelope() {
        return lowFlux.toArray();
    }
}
