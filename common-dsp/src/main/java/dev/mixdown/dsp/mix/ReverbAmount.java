package dev.mixdown.dsp.mix;

import java.util.Locale;

/** Reverb send level: none, or −22/−16/−11 dB into the shared reverb. */
public enum ReverbAmount {
    NONE(Double.NEGATIVE_INFINITY), LOW(-22), MEDIUM(-16), HIGH(-11);

    public final double sendDb;

    ReverbAmount(double sendDb) {
        this.sendDb = sendDb;
    }

    public static ReverbAmount named(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown reverb '" + name + "' (known: none, low, medium, high)");
        }
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
