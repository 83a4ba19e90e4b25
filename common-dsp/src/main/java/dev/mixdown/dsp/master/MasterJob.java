package dev.mixdown.dsp.master;

import java.nio.file.Path;
import java.util.List;

/**
 * One master job: an input, how to master it, what to deliver, where to keep temporary audio and
 * (optionally) where to draw plots.
 */
public record MasterJob(Path input, MasterSettings settings, List<Deliverable> deliverables, Path workDir, Path plotsDir) {
    public MasterJob {
        if (deliverables == null || deliverables.isEmpty()) {
            throw new IllegalArgumentException("a master job needs at least one deliverable");
        }
        deliverables = List.copyOf(deliverables);
    }
}
