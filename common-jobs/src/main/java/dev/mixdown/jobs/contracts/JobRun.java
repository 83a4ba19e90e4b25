package dev.mixdown.jobs.contracts;

import java.util.Comparator;

/**
 * One run of a job: a worker taking it, whether for the first delivery, a redelivery after a
 * crash or rebalance, a retry, or a re-dispatch by the gateway. Runs are totally ordered per job,
 * and the gateway follows only the newest: a newer run always supersedes an older one.
 *
 * <p>The order is lexicographic over where the run came from:
 * <ol>
 *   <li>{@code dispatch}: the gateway's publication of the job (1, then +1 per re-dispatch after
 *       a lost lease);</li>
 *   <li>{@code attempt}: the worker's retries after retryable failures;</li>
 *   <li>{@code offset}: the job record's offset (a duplicate publication of the same dispatch and
 *       attempt is a later record of the same partition);</li>
 *   <li>{@code start}: how many times that record has been started, counted in the consumer
 *       group's committed offset metadata, which Kafka fences by group generation: a worker that
 *       lost the partition cannot count a start, so it cannot start a run.</li>
 * </ol>
 *
 * @param id a random id naming the run; its outputs live under it
 */
public record JobRun(String id, int dispatch, int attempt, long offset, int start) implements Comparable<JobRun> {
    private static final Comparator<JobRun> ORDER = Comparator.comparingInt(JobRun::dispatch).thenComparingInt(JobRun::attempt)
            .thenComparingLong(JobRun::offset).thenComparingInt(JobRun::start);

    @Override
    public int compareTo(JobRun other) {
        return ORDER.compare(this, other);
    }

    /** Whether this run comes after {@code other} (a null other: no run yet). */
    public boolean supersedes(JobRun other) {
        return other == null || compareTo(other) > 0;
    }

    /** The same run (the order and the id agree). */
    public boolean sameAs(JobRun other) {
        return other != null && compareTo(other) == 0 && id.equals(other.id);
    }
}
