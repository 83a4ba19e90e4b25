package dev.mixdown.gateway.quotas;

/**
 * What a tenant may use; a null limit is no limit. Months are calendar months in UTC.
 *
 * @param jobsPerMonth        jobs created per month (each job of a batch, each revision)
 * @param concurrentJobs      jobs queued, dispatched or running at once
 * @param stemsPerJob         stems one mix job may name
 * @param uploadBytesPerMonth bytes of uploaded files first named by a job this month
 * @param requestsPerMinute   refill rate of each API key's token bucket
 * @param burst               requests an API key may make at once (the bucket's size)
 */
public record Plan(String id, String description, Integer jobsPerMonth, Integer concurrentJobs, Integer stemsPerJob,
        Long uploadBytesPerMonth, Integer requestsPerMinute, Integer burst) {
}
