package dev.mixdown.jobs.worker;

import dev.mixdown.jobs.storage.StorageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.apache.kafka.common.KafkaException;

/**
 * Which failures another attempt may cure, and how long to wait before it.
 *
 * <p>The predicate: bad input (a corrupt or missing file, an impossible setting) and an unsupported
 * option fail at once, since every attempt would meet them again; the object store, the broker, the
 * local disk and the watchdog's timeout are retried; anything else is an internal error, retried in
 * case it was the machine's and not the job's. The backoff doubles from {@code base} up to {@code max}.
 */
public record RetryPolicy(int maxAttempts, Duration base, Duration max) {

    /** Sorts what a processor threw into a job error with its code and retryability. */
    public static JobException classify(Throwable t) {
        if (t instanceof JobException je) {
            return je;
        }
        if (t instanceof StorageException se) {
            return se.missing()
                    ? JobException.badInput(se.getMessage(), se)
                    : new JobException(JobException.STORAGE_UNAVAILABLE, se.getMessage(), se.retryable(), se);
        }
        if (t instanceof IllegalArgumentException) {
            return JobException.badInput(t.getMessage(), t);
        }
        if (t instanceof UnsupportedOperationException) {
            return new JobException(JobException.UNSUPPORTED, t.getMessage(), false, t);
        }
        if (t instanceof IOException || t instanceof UncheckedIOException) {
            return new JobException(JobException.IO, "local disk or network: " + t.getMessage(), true, t);
        }
        if (t instanceof KafkaException) {
            return new JobException(JobException.BROKER_UNAVAILABLE, t.getMessage(), true, t);
        }
        return new JobException(JobException.INTERNAL, String.valueOf(t), true, t);
    }

    /** Whether a failure of {@code attempt} gets another attempt. */
    public boolean retries(JobException failure, int attempt) {
        return failure.retryable() && attempt < maxAttempts;
    }

    /** The wait before the attempt after {@code attempt}: base, doubled per attempt, at most max. */
    public Duration backoffAfter(int attempt) {
        long millis = base.toMillis() << Math.min(20, Math.max(0, attempt - 1));
        return Duration.ofMillis(Math.min(max.toMillis(), millis));
    }
}
