package dev.mixdown.gateway.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One token bucket per API key (Bucket4j, ADR 0010): {@code burst} requests at once, refilled
 * greedily at {@code requestsPerMinute}. Buckets live in this gateway replica's memory, so with N
 * replicas behind a balancer a key gets up to N times its rate; a bucket is made anew when its
 * plan's figures change.
 */
@ApplicationScoped
public class KeyRateLimits {
    private final ConcurrentHashMap<String, Keyed> buckets = new ConcurrentHashMap<>();

    @Inject
    MeterRegistry metrics;

    private record Keyed(int requestsPerMinute, int burst, Bucket bucket) {
    }

    /** The outcome of one request: allowed (with what is left), or refused with the wait until a token is there. */
    public record Decision(boolean allowed, long remaining, long retryAfterSeconds) {
    }

    /** Takes one token from the key's bucket; null figures mean no limit. */
    public Decision take(String keyId, Integer requestsPerMinute, Integer burst) {
        if (requestsPerMinute == null || burst == null) {
            return new Decision(true, Long.MAX_VALUE, 0);
        }
        Keyed k = buckets.compute(keyId, (id, old) -> old != null && old.requestsPerMinute == requestsPerMinute && old.burst == burst
                ? old : new Keyed(requestsPerMinute, burst, bucket(requestsPerMinute, burst)));
        ConsumptionProbe probe = k.bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return new Decision(true, probe.getRemainingTokens(), 0);
        }
        metrics.counter("mixdown.ratelimit.refused").increment();
        long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
        return new Decision(false, 0, seconds);
    }

    /** Forgets a key's bucket (a revoked key). */
    public void forget(String keyId) {
        buckets.remove(keyId);
    }

    private static Bucket bucket(int requestsPerMinute, int burst) {
        // a plan of 0 requests per minute refuses everything: a bucket needs a positive refill, so refill once a year
        long refill = Math.max(1, requestsPerMinute);
        Duration period = requestsPerMinute > 0 ? Duration.ofMinutes(1) : Duration.ofDays(365);
        return Bucket.builder().addLimit(limit -> limit.capacity(Math.max(1, burst)).refillGreedy(refill, period)).build();
    }
}
