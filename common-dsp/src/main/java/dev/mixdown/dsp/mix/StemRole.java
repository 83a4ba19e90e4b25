package dev.mixdown.dsp.mix;

import java.util.Locale;

/**
 * What a stem is in the arrangement, and what that means for the mix: its loudness relative to
 * the lead (documented in README's table), whether it sits in the centre, its high-pass corner,
 * its compression and its reverb send.
 *
 * <p>Relative levels are in LU against the lead element at 0: in a song with a lead vocal the
 * vocal is 0 and the rhythm section sits just under it; the figures follow common mixing
 * practice (kick and bass 3–5 LU under the vocal, pads and effects well under).
 */
public enum StemRole {
    //          rel LU  centre  HPF Hz  ratio  attack release  reverb
    VOCAL(         0.0, true,    90,    3.0,    5,    80,  ReverbAmount.MEDIUM),
    BACKING_VOCAL(-7.0, false,  120,    3.0,    5,    80,  ReverbAmount.HIGH),
    DRUMS(        -3.0, true,    30,    2.5,   15,   100,  ReverbAmount.LOW),
    KICK(         -4.0, true,    30,    3.0,   10,    80,  ReverbAmount.NONE),
    SNARE(        -5.0, true,    80,    3.0,    5,    80,  ReverbAmount.MEDIUM),
    PERCUSSION(   -9.0, false,  150,    2.0,   10,    80,  ReverbAmount.LOW),
    BASS(         -4.0, true,    30,    4.0,   10,   120,  ReverbAmount.NONE),
    KEYS(         -7.0, false,   80,    2.0,   20,   150,  ReverbAmount.MEDIUM),
    PIANO(        -6.0, false,   60,    2.0,   20,   150,  ReverbAmount.MEDIUM),
    SYNTH(        -7.0, false,   80,    2.0,   15,   120,  ReverbAmount.MEDIUM),
    PAD(         -10.0, false,  120,    1.5,   40,   250,  ReverbAmount.HIGH),
    GUITAR(       -7.0, false,   90,    2.5,   15,   120,  ReverbAmount.MEDIUM),
    STRINGS(      -8.0, false,   60,    1.5,   40,   250,  ReverbAmount.HIGH),
    BRASS(        -7.0, false,   80,    2.5,   10,   120,  ReverbAmount.LOW),
    WOODWIND(     -7.0, false,  100,    2.0,   15,   120,  ReverbAmount.MEDIUM),
    FX(          -13.0, false,  100,    1.5,   20,   200,  ReverbAmount.HIGH),
    OTHER(        -8.0, false,   60,    2.0,   15,   120,  ReverbAmount.MEDIUM);

    /** Target active loudness relative to the lead, LU, at normal presence. */
    public final double relativeLu;
    /** Kept in the centre (low end, lead, kit). */
    public final boolean centred;
    public final double highPassHz;
    public final double ratio;
    public final double attackMs;
    public final double releaseMs;
    public final ReverbAmount reverb;

    StemRole(double relativeLu, boolean centred, double highPassHz, double ratio, double attackMs, double releaseMs,
            ReverbAmount reverb) {
        this.relativeLu = relativeLu;
        this.centred = centred;
        this.highPassHz = highPassHz;
        this.ratio = ratio;
        this.attackMs = attackMs;
        this.releaseMs = releaseMs;
        this.reverb = reverb;
    }

    public static StemRole named(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown role '" + name + "' (known: vocal, backing-vocal, drums, kick, snare,"
                    + " percussion, bass, keys, piano, synth, pad, guitar, strings, brass, woodwind, fx, other)");
        }
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Low-end roles are summed to mono: their energy belongs in the middle. */
    public boolean monoLowEnd() {
        return this == BASS || this == KICK;
    }
}
