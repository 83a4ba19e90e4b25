package dev.mixdown.dsp.master;

import dev.mixdown.dsp.spectrum.ThirdOctaveSpectrum;
import java.util.Locale;

/**
 * Target tonal balances: the long-term third-octave spectrum a master is steered toward,
 * relative to its own average. NEUTRAL follows the average of commercially mastered popular
 * music (flat to 125 Hz, then about −3 dB per octave above 500 Hz, a steeper fall above 10 kHz);
 * WARM lifts the lows and softens the top, BRIGHT the reverse.
 */
public enum ToneProfile {
    NEUTRAL(0, 0),
    WARM(1.5, -1.5),
    BRIGHT(-1.0, 2.0);

    /** Neutral curve at the centres of {@link ThirdOctaveSpectrum#CENTERS_HZ}, 25 Hz to 20 kHz. */
    private static final double[] NEUTRAL_DB = {
        -8, -5, -3, -1.5, -0.5, 0, 0, 0, -0.5, -1, -1.5, -2, -2.5, -3, -3.8, -4.6, -5.5, -6.4, -7.3, -8.2,
        -9.1, -10, -11, -12, -13, -14.2, -15.6, -17.5, -20.5, -26};

    private final double lowTiltDb;
    private final double highTiltDb;

    ToneProfile(double lowTiltDb, double highTiltDb) {
        this.lowTiltDb = lowTiltDb;
        this.highTiltDb = highTiltDb;
    }

    /** The target level of each third-octave band in dB (arbitrary reference; only the shape matters). */
    public double[] bandLevelsDb() {
        double[] out = NEUTRAL_DB.clone();
        for (int b = 0; b < out.length; b++) {
            double hz = ThirdOctaveSpectrum.CENTERS_HZ[b];
            double low = 1 / (1 + Math.pow(hz / 150.0, 2)); // shelf-like weights
            double high = 1 / (1 + Math.pow(5000.0 / hz, 2));
            out[b] += lowTiltDb * low + highTiltDb * high;
        }
        return out;
    }

    public static ToneProfile named(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown tone profile '" + name + "' (known: neutral, warm, bright)");
        }
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
