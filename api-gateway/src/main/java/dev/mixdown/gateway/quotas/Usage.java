package dev.mixdown.gateway.quotas;

import java.time.Instant;

/**
 * A tenant's use of its plan ({@code GET /v1/usage}). A null limit is no limit.
 *
 * @param periodStart the calendar month (UTC) the monthly counts are of
 * @param resetsAt    when the monthly counts start again
 */
public record Usage(String tenant, String plan, Instant periodStart, Instant resetsAt, Count jobsThisMonth, Count concurrentJobs,
        Count uploadBytesThisMonth, Integer stemsPerJob, RateLimit rateLimit) {

    public record Count(long used, Long limit) {
    }

    /** Each API key's token bucket: refilled at {@code requestsPerMinute}, holding {@code burst}; null: none. */
    public record RateLimit(Integer requestsPerMinute, Integer burst) {
    }
}
