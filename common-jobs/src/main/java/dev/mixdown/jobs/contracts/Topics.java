package dev.mixdown.jobs.contracts;

/** Every Kafka topic name, defined once: gateway and workers meet only here and in {@link ObjectKeys}. */
public final class Topics {
    /** Worker events (STARTED, PROGRESS, HEARTBEAT, SUCCEEDED, FAILED), keyed by job id. */
    public static final String EVENTS = "mixdown.job.events";
    private static final String PREFIX = "mixdown.";

    private Topics() {
    }

    /** The job topic of a kind and lane, e.g. {@code mixdown.master.jobs.interactive}. */
    public static String jobs(JobKind kind, Lane lane) {
        return PREFIX + kind.id() + ".jobs." + lane.id();
    }

    /**
     * Retries of a kind's jobs, e.g. {@code mixdown.master.jobs.retry}: a retry waits out its backoff
     * here (each record says when it is due), so it holds no worker slot and delays no fresh job.
     */
    public static String retries(JobKind kind) {
        return PREFIX + kind.id() + ".jobs.retry";
    }

    /** Where a job that exhausted its attempts goes, e.g. {@code mixdown.master.jobs.bulk.dlq}. */
    public static String deadLetter(String jobTopic) {
        return jobTopic + ".dlq";
    }
}
