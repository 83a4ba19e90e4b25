package dev.mixdown.jobs.contracts;

import java.util.List;

/**
 * What a worker says about a job (version {@value JobMessage#SCHEMA_VERSION} of the contract).
 * Every event names its {@link JobRun}; events of one run carry increasing {@code seq}. The gateway
 * follows the job's newest run only and applies its events with a monotonic state machine, so a
 * replayed, late or superseded event changes nothing.
 *
 * @param percent  0 to 100 for PROGRESS
 * @param outputs  for SUCCEEDED: the delivered files
 * @param report   for SUCCEEDED: object key of the JSON report
 * @param error    for FAILED: what went wrong
 * @param run      the run this event belongs to
 */
public record JobEvent(
        int schemaVersion,
        String eventId,
        String jobId,
        String tenantId,
        int attempt,
        long seq,
        Type type,
        Double percent,
        String stage,
        List<OutputFile> outputs,
        String report,
        JobError error,
        String workerId,
        String at,
        JobRun run) {

    public enum Type {
        STARTED, PROGRESS, SUCCEEDED, FAILED,
        /** The run is alive (sent every few seconds whatever its progress): it renews the run's lease. */
        HEARTBEAT;

        /** Terminal events end an attempt. */
        public boolean terminal() {
            return this == SUCCEEDED || this == FAILED;
        }
    }

    /** One delivered file: its name, object key, size and what it measured. */
    public record OutputFile(String name, String key, long bytes, Double integratedLufs, Double truePeakDbtp) {
    }

    /**
     * @param code      stable code, e.g. "BAD_INPUT", "STORAGE_UNAVAILABLE", "ATTEMPTS_EXHAUSTED"
     * @param message   for a person: which file, what is wrong
     * @param retryable whether another attempt may succeed
     */
    public record JobError(String code, String message, boolean retryable) {
    }
}
