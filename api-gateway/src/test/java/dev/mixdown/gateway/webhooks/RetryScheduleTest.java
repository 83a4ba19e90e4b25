package dev.mixdown.gateway.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The webhook retry schedule")
class RetryScheduleTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final List<Duration> DELAYS = List.of(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(2));

    @Test
    @DisplayName("waits the n-th delay after the n-th failure, then repeats the last one")
    void followsTheSchedule() {
        RetrySchedule s = new RetrySchedule(DELAYS, Duration.ofHours(24), () -> 0.5);
        assertEquals(T0.plusSeconds(5), s.next(1, T0, T0).orElseThrow());
        assertEquals(T0.plusSeconds(30), s.next(2, T0, T0).orElseThrow());
        assertEquals(T0.plusSeconds(120), s.next(3, T0, T0).orElseThrow());
        assertEquals(T0.plusSeconds(120), s.next(9, T0, T0).orElseThrow());
    }

    @Test
    @DisplayName("jitters each delay by at most 20 % either way")
    void jitter() {
        assertEquals(T0.plusSeconds(4), new RetrySchedule(DELAYS, Duration.ofHours(24), () -> 0.0).next(1, T0, T0).orElseThrow());
        assertEquals(T0.plusSeconds(6), new RetrySchedule(DELAYS, Duration.ofHours(24), () -> 1.0).next(1, T0, T0).orElseThrow());
    }

    @Test
    @DisplayName("gives up when the next attempt would fall after the retry period")
    void givesUp() {
        RetrySchedule s = new RetrySchedule(DELAYS, Duration.ofHours(24), () -> 0.5);
        Instant late = T0.plus(Duration.ofHours(24)).minusSeconds(119);
        assertTrue(s.next(5, T0, late.minusSeconds(2)).isPresent());
        assertTrue(s.next(5, T0, late).isEmpty());
    }
}
