package dev.mixdown.jobs.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixdown.jobs.storage.StorageException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Sorting failures into retryable and final")
class ClassifyTest {

    @Test
    @DisplayName("a missing object is bad input, never retried")
    void missingIsBadInput() {
        JobException e = WorkerRuntime.classify(new StorageException("download k: NoSuchKey", false, true, null));
        assertEquals(JobException.BAD_INPUT, e.code());
        assertFalse(e.retryable());
    }

    @Test
    @DisplayName("an unreachable store is retried")
    void unreachableIsRetryable() {
        JobException e = WorkerRuntime.classify(new StorageException("download k: unreachable", true, false, null));
        assertEquals(JobException.STORAGE_UNAVAILABLE, e.code());
        assertTrue(e.retryable());
    }

    @Test
    @DisplayName("a job exception keeps its own code; anything else is an internal, retryable error")
    void others() {
        JobException bad = JobException.badInput("stems/bass.wav: data chunk claims 88200000 bytes, file has 1024", null);
        assertEquals(bad, WorkerRuntime.classify(bad));
        JobException internal = WorkerRuntime.classify(new IllegalStateException("boom"));
        assertEquals(JobException.INTERNAL, internal.code());
        assertTrue(internal.retryable());
    }
}
