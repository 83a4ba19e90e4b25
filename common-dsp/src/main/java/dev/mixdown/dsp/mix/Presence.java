package dev.mixdown.dsp.mix;

import java.util.Locale;

/** How far forward a stem sits: lead +3 LU, normal, background −5 LU. */
public enum Presence {
    LEAD(3.0), NORMAL(0.0), BACKGROUND(-5.0);

    public final double offsetLu;

    Presence(double offsetLu) {
        this.offsetLu = offsetLu;
    }

    public static Presence named(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown presence '" + name + "' (known: lead, normal, background)");
        }
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
