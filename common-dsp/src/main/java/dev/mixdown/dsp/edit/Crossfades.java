package dev.mixdown.dsp.edit;

/** The gain curves of joins and fades, as functions of the position x in (0, 1). */
final class Crossfades {
    /** Level at the end of a decay: -60 dB, the conventional end of a reverberant tail. */
    private static final double DECAY_END = Math.log(1000);

    private Crossfades() {
    }

    /** Equal-power fade-out: cos(pi x / 2); with {@link #inGain} the powers sum to 1. */
    static double outGain(double x) {
        return Math.cos(0.5 * Math.PI * x);
    }

    /** Equal-power fade-in: sin(pi x / 2). */
    static double inGain(double x) {
        return Math.sin(0.5 * Math.PI * x);
    }

    /** A natural (exponential) decay to -60 dB, brought to exactly zero at x = 1. */
    static double decayGain(double x) {
        return Math.exp(-DECAY_END * x) * (1 - x);
    }
}
