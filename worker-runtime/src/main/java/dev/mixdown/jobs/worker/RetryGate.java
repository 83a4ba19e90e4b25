package dev.mixdown.jobs.worker;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Holds retry partitions whose next record is not due yet: the record is sought back to and its
 * partition paused until its time, so a retry's backoff holds no slot and blocks nothing but the
 * retries queued behind it (each due no earlier, give or take the backoff's growth).
 */
final class RetryGate {
    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<TopicPartition, Long> heldUntilMillis = new HashMap<>();

    RetryGate(KafkaConsumer<String, byte[]> consumer) {
        this.consumer = consumer;
    }

    /** Parks the partition at {@code offset} until {@code dueMillis}. */
    void hold(TopicPartition tp, long offset, long dueMillis) {
        consumer.seek(tp, offset);
        consumer.pause(Set.of(tp));
        heldUntilMillis.put(tp, dueMillis);
    }

    /** Resumes the partitions whose record is due (call between jobs). */
    void releaseDue(long nowMillis) {
        Set<TopicPartition> due = new HashSet<>();
        heldUntilMillis.forEach((tp, until) -> {
            if (until <= nowMillis) {
                due.add(tp);
            }
        });
        heldUntilMillis.keySet().removeAll(due);
        due.retainAll(consumer.assignment());
        consumer.resume(due);
    }

    /** The assigned partitions that are not held: those a slot may read once its job ends. */
    Set<TopicPartition> open() {
        Set<TopicPartition> open = new HashSet<>(consumer.assignment());
        open.removeAll(heldUntilMillis.keySet());
        return open;
    }

    /** Partitions that left this worker are no longer held here (their new owner reads the due time itself). */
    void forget(java.util.Collection<TopicPartition> partitions) {
        heldUntilMillis.keySet().removeAll(partitions);
    }
}
