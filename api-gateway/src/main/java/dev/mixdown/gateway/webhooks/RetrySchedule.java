package dev.mixdown.gateway.webhooks;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When a failed delivery is tried again: the n-th failure waits the n-th delay of the schedule
 * (the last one repeating), jittered by up to 20 % either way so that receivers coming back
 * are not hit by every sender at once; attempts stop once the next one would fall after the
 * retry period, counted from when the delivery was queued.
 */
public final class RetrySchedule {
    static final double JITTER = 0.2;

    private final List<Duration> delays;
    private final Duration retryFor;
    private final DoubleSupplier random;

    public RetrySchedule(List<Duration> delays, Duration retryFor, DoubleSupplier random) {
        if (delays.isEmpty()) {
            throw new IllegalArgumentException("a retry schedule needs at least one delay");
        }
        this.delays = List.copyOf(delays);
        this.retryFor = retryFor;
        this.random = random;
    }

    /**
     * @param failures  failed attempts so far, at least 1
     * @return when to try again, or empty when the delivery has failed for good
     */
    public Optional<Instant> next(int failures, Instant queuedAt, Instant now) {
        Duration base = delays.get(Math.min(failures, delays.size()) - 1);
        double factor = 1 - JITTER + 2 * JITTER * random.getAsDouble();
        Instant next = now.plusMillis(Math.round(base.toMillis() * factor));
        return next.isAfter(queuedAt.plus(retryFor)) ? Optional.empty() : Optional.of(next);
    }
}
