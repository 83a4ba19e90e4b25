package dev.mixdown.jobs.contracts;

import java.util.List;

/**
 * A job on its way to a worker (version {@value #SCHEMA_VERSION} of the contract). A mix job has
 * {@code stems} and optional {@code deliverables} (then its mix is mastered to them); a master job
 * has {@code input} and {@code deliverables}.
 *
 * @param attempt    1 for the first try; a retry carries the next number, and its outputs go under it
 * @param profile    tone profile for mastering (neutral, warm, bright)
 * @param amount     tone amount in percent
 * @param references reference tracks (object key and weight) to steer mastering toward
 */
public record JobMessage(
        int schemaVersion,
        String jobId,
        String tenantId,
        JobKind kind,
        Lane lane,
        int attempt,
        String input,
        List<StemInput> stems,
        List<DeliverableSpec> deliverables,
        String profile,
        Double amount,
        List<ReferenceTrack> references,
        String submittedAt) {
    public static final int SCHEMA_VERSION = 1;

    public JobMessage {
        stems = stems == null ? List.of() : List.copyOf(stems);
        deliverables = deliverables == null ? List.of() : List.copyOf(deliverables);
        references = references == null ? List.of() : List.copyOf(references);
    }

    /** The same job, one attempt later. */
    public JobMessage nextAttempt() {
        return new JobMessage(schemaVersion, jobId, tenantId, kind, lane, attempt + 1, input, stems, deliverables, profile, amount,
                references, submittedAt);
    }

    /** The topic this job travels on. */
    public String topic() {
        return Topics.jobs(kind, lane);
    }
}
