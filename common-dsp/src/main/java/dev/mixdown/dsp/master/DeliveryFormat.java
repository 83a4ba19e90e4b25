package dev.mixdown.dsp.master;

import dev.mixdown.dsp.io.OutputFormat;
import java.util.Locale;

/** File formats the master engine delivers. */
public enum DeliveryFormat {
    WAV, FLAC, MP3;

    /** The format implied by a file name's extension, or null. */
    public static DeliveryFormat fromFileName(String name) {
        OutputFormat.Container c = OutputFormat.Container.fromFileName(name);
        return c == null ? null : valueOf(c.name());
    }

    public static DeliveryFormat named(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown format '" + name + "' (known: wav, flac, mp3)");
        }
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
