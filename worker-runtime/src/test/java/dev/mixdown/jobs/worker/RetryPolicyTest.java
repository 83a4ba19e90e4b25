package dev.mixdown.jobs.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixdown.jobs.storage.StorageException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Sorting failures into retryable and final")
class RetryPolicyTest {

    @Test
    @DisplayName("a missing object is bad input, never retried")
    void missingIsBadInput() {
        JobException e = RetryPolicy.classify(new StorageException("download k: NoSuchKey", false, true, null));
        assertEquals(JobException.BAD_INPUT, e.code());
        assertFalse(e.retryable());
    }

    @Test
    @DisplayName("an unreachable store is retried")
    void unreachableIsRetryable() {
        JobException e = RetryPolicy.classify(new StorageException("download k: unreachable", true, false, null));
        assertEquals(JobException.STORAGE_UNAVAILABLE, e.code());
        assertTrue(e.retryable());
    }

    @Test
    @DisplayName("an impossible setting thrown by the engine is bad input, and an unsupported option is final")
    void settingsAreFinal() {
        JobException bad = RetryPolicy.classify(new IllegalArgumentException("pan 1.7 is outside -1..1"));
        assertEquals(JobException.BAD_INPUT, bad.code());
        assertFalse(bad.retryable());
        JobException unsupported = RetryPolicy.classify(new UnsupportedOperationException("format ogg"));
        assertEquals(JobException.UNSUPPORTED, unsupported.code());
        assertFalse(unsupported.retryable());
    }

    @Test
    @DisplayName("disk and broker failures are retried")
    void ioAndBrokerAreRetryable() {
        assertTrue(RetryPolicy.classify(new java.io.IOException("No space left on device")).retryable());
        JobException broker = RetryPolicy.classify(new org.apache.kafka.common.errors.TimeoutException("metadata"));
        assertEquals(JobException.BROKER_UNAVAILABLE, broker.code());
        assertTrue(broker.retryable());
    }

    @Test
    @DisplayName("retries stop at the last attempt, and the backoff doubles up to its maximum")
    void attemptsAndBackoff() {
        RetryPolicy policy = new RetryPolicy(3, java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(3));
        JobException io = RetryPolicy.classify(new java.io.IOException("reset"));
        assertTrue(policy.retries(io, 1));
        assertTrue(policy.retries(io, 2));
        assertFalse(policy.retries(io, 3), "attempt 3 of 3 is the last");
        assertFalse(policy.retries(JobException.badInput("corrupt", null), 1), "bad input is never retried");
        assertEquals(java.time.Duration.ofSeconds(1), policy.backoffAfter(1));
        assertEquals(java.time.Duration.ofSeconds(2), policy.backoffAfter(2));
        assertEquals(java.time.Duration.ofSeconds(3), policy.backoffAfter(3), "capped");
        assertEquals(java.time.Duration.ofSeconds(3), policy.backoffAfter(60), "no overflow");
    }

    @Test
    @DisplayName("a job exception keeps its own code; anything else is an internal, retryable error")
    void others() {
        JobException bad = JobException.badInput("stems/bass.wav: data chunk claims 88200000 bytes, file has 1024", null);
        assertEquals(bad, RetryPolicy.classify(bad));
        JobException internal = RetryPolicy.classify(new IllegalStateException("boom"));
        assertEquals(JobException.INTERNAL, internal.code());
        assertTrue(internal.retryable());
    }
}
