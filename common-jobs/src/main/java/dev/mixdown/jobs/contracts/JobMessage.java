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
 * @param dispatch   the gateway's publication of this job: 1, then one more per re-dispatch
 *                   after a run lost its lease (see {@link JobRun})
 * @param notBefore  for a retry: the instant (ISO-8601) before which no worker starts it (its backoff); null to start at once
 * @param part       for a part of a package job: which step of which package (its inputs are {@code stems} or
 *                   {@code input}); null for a plain mix or master job
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
        String submittedAt,
        int dispatch,
        String notBefore,
        PackagePart part) {
    public static final int SCHEMA_VERSION = 2;

    public JobMessage {
        stems = stems == null ? List.of() : List.copyOf(stems);
        deliverables = deliverables == null ? List.of() : List.copyOf(deliverables);
        references = references == null ? List.of() : List.copyOf(references);
        dispatch = Math.max(1, dispatch);
    }

    /** A job as first published: dispatch 1, to start at once. */
    public JobMessage(int schemaVersion, String jobId, String tenantId, JobKind kind, Lane lane, int attempt, String input,
            List<StemInput> stems, List<DeliverableSpec> deliverables, String profile, Double amount, List<ReferenceTrack> references,
            String submittedAt) {
        this(schemaVersion, jobId, tenantId, kind, lane, attempt, input, stems, deliverables, profile, amount, references, submittedAt,
                1, null, null);
    }

    /** A plain (not package part) job at any dispatch. */
    public JobMessage(int schemaVersion, String jobId, String tenantId, JobKind kind, Lane lane, int attempt, String input,
            List<StemInput> stems, List<DeliverableSpec> deliverables, String profile, Double amount, List<ReferenceTrack> references,
            String submittedAt, int dispatch, String notBefore) {
        this(schemaVersion, jobId, tenantId, kind, lane, attempt, input, stems, deliverables, profile, amount, references, submittedAt,
                dispatch, notBefore, null);
    }

    /** A part of a package job, as first published: a mix-kind job (the mix workers run parts) with its step. */
    public static JobMessage packagePart(String jobId, String tenantId, Lane lane, String input, List<StemInput> stems,
            PackagePart part) {
        return new JobMessage(SCHEMA_VERSION, jobId, tenantId, JobKind.MIX, lane, 1, input, stems, null, null, null, null,
                java.time.Instant.now().toString(), 1, null, part);
    }

    /** The same job, one attempt later, not to start before {@code notBefore}. */
    public JobMessage nextAttempt(java.time.Instant notBefore) {
        return new JobMessage(schemaVersion, jobId, tenantId, kind, lane, attempt + 1, input, stems, deliverables, profile, amount,
                references, submittedAt, dispatch, notBefore.toString(), part);
    }

    /** The same job published again by the gateway after its run was lost, at {@code attempt}. */
    public JobMessage redispatched(int dispatchNumber, int atAttempt) {
        return new JobMessage(schemaVersion, jobId, tenantId, kind, lane, atAttempt, input, stems, deliverables, profile, amount,
                references, submittedAt, dispatchNumber, null, part);
    }

    /** The same job in another lane (a rush moves a waiting bulk job to the interactive lane). */
    public JobMessage inLane(Lane newLane) {
        return new JobMessage(schemaVersion, jobId, tenantId, kind, newLane, attempt, input, stems, deliverables, profile, amount,
                references, submittedAt, dispatch, notBefore, part);
    }

    /** When a worker may start it; null for at once. */
    public java.time.Instant notBeforeInstant() {
        return notBefore == null ? null : java.time.Instant.parse(notBefore);
    }

    /** The topic this job travels on. */
    public String topic() {
        return Topics.jobs(kind, lane);
    }
}
