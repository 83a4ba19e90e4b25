package dev.mixdown.gateway.jobs;

import dev.mixdown.jobs.contracts.DeliverableSpec;
import dev.mixdown.jobs.contracts.ReferenceTrack;
import dev.mixdown.jobs.contracts.StemInput;
import java.util.List;

/**
 * The body of {@code POST /v1/jobs}. A master job names an {@code input}; a mix job lists
 * {@code stems} and, to chain into mastering, {@code deliverables}. The rules each field must
 * follow are {@link dev.mixdown.jobs.contracts.JobRules}'.
 *
 * @param kind       "mix" or "master"
 * @param lane       "interactive" (default) or "bulk"
 * @param references reference tracks to master toward: {@code {"key": ..., "weight": ...}} (or the older string "key:weight")
 */
public record JobRequest(String kind, String lane, String input, List<StemInput> stems, List<DeliverableSpec> deliverables,
        String profile, Double amount, List<ReferenceTrack> references) {
}
