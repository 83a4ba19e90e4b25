package dev.mixdown.dsp.filter;

/**
 * Normalised coefficients of a second-order IIR section,
 * H(z) = (b0 + b1·z⁻¹ + b2·z⁻²) / (1 + a1·z⁻¹ + a2·z⁻²).
 */
public record BiquadCoefficients(double b0, double b1, double b2, double a1, double a2) {

    /** |H(e^jω)| at {@code frequencyHz} for a filter running at {@code sampleRate}. */
    public double magnitudeAt(double frequencyHz, double sampleRate) {
        double w = 2.0 * Math.PI * frequencyHz / sampleRate;
        double c1 = Math.cos(w);
        double s1 = Math.sin(w);
        double c2 = Math.cos(2 * w);
        double s2 = Math.sin(2 * w);
        double numRe = b0 + b1 * c1 + b2 * c2;
        double numIm = -(b1 * s1 + b2 * s2);
        double denRe = 1.0 + a1 * c1 + a2 * c2;
        double denIm = -(a1 * s1 + a2 * s2);
        return Math.sqrt((numRe * numRe + numIm * numIm) / (denRe * denRe + denIm * denIm));
    }

    /** Magnitude in dB at {@code frequencyHz}. */
    public double magnitudeDbAt(double frequencyHz, double sampleRate) {
        return 20.0 * Math.log10(magnitudeAt(frequencyHz, sampleRate));
    }
}
