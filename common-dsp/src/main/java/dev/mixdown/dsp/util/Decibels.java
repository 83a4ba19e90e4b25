package dev.mixdown.dsp.util;

/** Conversions between linear amplitude and decibels. */
public final class Decibels {
    private Decibels() {
    }

    /** 20·log10(amplitude); -Infinity for 0. */
    public static double fromAmplitude(double amplitude) {
        return 20.0 * Math.log10(amplitude);
    }

    /** 10^(db/20). */
    public static double toAmplitude(double db) {
        return Math.pow(10.0, db / 20.0);
    }
}
