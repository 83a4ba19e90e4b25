package dev.mixdown.jobs.contracts;

import java.util.Locale;

/** Which queue a job waits in: workers serve interactive jobs before bulk ones. */
public enum Lane {
    INTERACTIVE, BULK;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
