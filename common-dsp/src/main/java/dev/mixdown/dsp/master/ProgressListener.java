package dev.mixdown.dsp.master;

/** Told where a job is: a stage name and the share of the whole job done, 0 to 1. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (stage, fraction) -> { };

    void progress(String stage, double fraction);
}
