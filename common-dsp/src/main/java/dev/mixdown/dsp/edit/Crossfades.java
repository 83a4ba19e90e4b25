package dev.mixdown.dsp.edit;

/** The gain curves of joins and fades, as functions of the position x in (0, 1). */
final class Crossfades {
    /** Level at the end of a decay: -60 dB, the conventional end of a reverberant tail. */
    private static final double DECAY_END = Math.log(1000);

    private Crossfades() {
    }

    /**
     * Equal-gain (linear) fade-out, 1 - x; with {@link #inGain} the gains sum to 1. Joins are
     * placed where the music on both sides is alike, so the two signals are correlated and equal
     * gain keeps the level (equal power would bulge by up to 3 dB); and a sample step inside the
     * crossfade is then at most the larger of the two signals' own steps plus |a - b| / frames,
     * so a join adds no click.
     */
    static double outGain(double x) {
        return 1 - x;
    }

    /** Equal-gain (linear) fade-in, x. */
    static double inGain(double x) {
        return x;
    }

    /** A natural (exponential) decay to -60 dB, brought to exactly zero at x = 1. */
    static double decayGain(double x) {
        return Math.exp(-DECAY_END * x) * (1 - x);
    }
}
