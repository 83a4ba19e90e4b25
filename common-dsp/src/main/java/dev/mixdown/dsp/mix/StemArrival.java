package dev.mixdown.dsp.mix;

import java.io.IOException;

/**
 * Lets a mix start before all its stems are on disk: the engine asks for each stem, in stem
 * order, just before it first reads it. A caller that fetches stems (a worker downloading them
 * from the object store) answers when that stem's file is complete, and the first stems are
 * analysed while the last ones still arrive.
 */
@FunctionalInterface
public interface StemArrival {
    /** Every stem is already complete. */
    StemArrival READY = index -> {
    };

    /** Returns once stem {@code index} (in the job's order) can be read; fails if it never will. */
    void await(int index) throws IOException;
}
