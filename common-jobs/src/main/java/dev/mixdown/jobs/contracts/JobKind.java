package dev.mixdown.jobs.contracts;

import java.util.Locale;

/** What a job does: mix stems, or master one mix. */
public enum JobKind {
    MIX, MASTER;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
