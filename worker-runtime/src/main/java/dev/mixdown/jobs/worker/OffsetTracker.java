package dev.mixdown.jobs.worker;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A slot's committed offsets: a job's record is committed only after its outcome is durable, and
 * each start of a record is counted in the committed offset's metadata before the run begins.
 *
 * <p>Counting starts there does two things. Kafka accepts a commit only from the partition's
 * current owner (the group generation fences a worker that lost it), so a worker that cannot count
 * the start does not run the job: at most one run per record is live. And a record that keeps
 * killing its workers is seen for what it is: its count grows across crashes, and past the limit
 * the job fails {@code LOST_WORKER} instead of taking down worker after worker.
 */
final class OffsetTracker {
    private static final Logger LOG = LoggerFactory.getLogger(OffsetTracker.class);
    private static final String STARTS = "starts=";

    private final KafkaConsumer<String, byte[]> consumer;
    /** Offsets of finished jobs whose commit met a rebalance; committed once the group is stable. */
    private final Map<TopicPartition, OffsetAndMetadata> uncommitted = new HashMap<>();

    OffsetTracker(KafkaConsumer<String, byte[]> consumer) {
        this.consumer = consumer;
    }

    /**
     * Counts one more start of the record at {@code offset} and commits the count.
     *
     * @return the start's number (1 for the first), or 0 when this worker could not commit (a
     *         rebalance is under way or the partition moved): then it must not run the record
     */
    int countStart(TopicPartition tp, long offset) {
        OffsetAndMetadata committed = consumer.committed(Set.of(tp)).get(tp);
        int start = startsOf(committed, offset) + 1;
        Map<TopicPartition, OffsetAndMetadata> commit = owned(uncommitted);
        commit.put(tp, marker(offset, start));
        try {
            consumer.commitSync(commit);
            uncommitted.keySet().removeAll(commit.keySet());
            return start;
        } catch (RebalanceInProgressException | CommitFailedException e) {
            LOG.info("not starting {}@{}: the group is rebalancing or the partition moved ({})", tp, offset, e.getMessage());
            return 0;
        }
    }

    /** A run handed back unfinished (drain, partition revoked): its start does not count against the job. */
    void handBack(TopicPartition tp, long offset, int start) {
        try {
            consumer.commitSync(Map.of(tp, marker(offset, start - 1)));
        } catch (RuntimeException e) {
            LOG.warn("could not uncount the start of {}@{}: {}", tp, offset, e.getMessage());
        }
    }

    /** The record at {@code offset} is done (its outcome is durable): commit past it. */
    void done(TopicPartition tp, long offset) {
        uncommitted.put(tp, new OffsetAndMetadata(offset + 1));
        retryCommits();
    }

    /**
     * Commits the finished jobs' offsets of partitions this worker still owns. A commit refused
     * during a rebalance stays pending for the next round, so a job is not redone just because a
     * worker joined while it ran; a partition that moved away is dropped (its new owner runs the job
     * again as a newer run, and the gateway follows only the newest).
     */
    void retryCommits() {
        uncommitted.keySet().retainAll(consumer.assignment());
        if (uncommitted.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(Map.copyOf(uncommitted));
            uncommitted.clear();
        } catch (RebalanceInProgressException e) {
            LOG.debug("commit of {} waits for the rebalance to end", uncommitted);
        } catch (CommitFailedException e) {
            LOG.warn("could not commit {}: {}", uncommitted, e.getMessage());
            uncommitted.clear();
        }
    }

    /** Partitions are leaving this worker: commit what finished on them while it still owns them. */
    void revoked(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> leaving = new HashMap<>(uncommitted);
        leaving.keySet().retainAll(partitions);
        uncommitted.keySet().removeAll(partitions);
        if (!leaving.isEmpty()) {
            try {
                consumer.commitSync(leaving);
            } catch (RuntimeException e) {
                LOG.warn("could not commit {} before giving the partitions up: {}", leaving, e.getMessage());
            }
        }
    }

    private Map<TopicPartition, OffsetAndMetadata> owned(Map<TopicPartition, OffsetAndMetadata> offsets) {
        Map<TopicPartition, OffsetAndMetadata> owned = new HashMap<>(offsets);
        owned.keySet().retainAll(consumer.assignment());
        return owned;
    }

    private static OffsetAndMetadata marker(long offset, int starts) {
        return new OffsetAndMetadata(offset, STARTS + Math.max(0, starts) + "@" + offset);
    }

    /** Starts already counted for the record at {@code offset}: 0 unless the committed marker names that offset. */
    static int startsOf(OffsetAndMetadata committed, long offset) {
        if (committed == null || committed.offset() != offset || committed.metadata() == null
                || !committed.metadata().startsWith(STARTS)) {
            return 0;
        }
        String value = committed.metadata().substring(STARTS.length());
        int at = value.indexOf('@');
        try {
            return at > 0 && Long.parseLong(value.substring(at + 1)) == offset ? Integer.parseInt(value.substring(0, at)) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
