package dev.mixdown.dsp.master;

import java.util.Locale;

/** File formats the master engine delivers. */
public enum DeliveryFormat {
    WAV, FLAC, MP3;

    /** The format implied by a file name's extension, or null. */
    public static DeliveryFormat fromFileName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".wav") || lower.endsWith(".wave")) {
            return WAV;
        }
        if (lower.endsWith(".flac")) {
            return FLAC;
        }
        if (lower.endsWith(".mp3")) {
            return MP3;
        }
        return null;
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
