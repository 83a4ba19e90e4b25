package dev.mixdown.gateway.ops;

import dev.mixdown.jobs.contracts.JobKind;
import dev.mixdown.jobs.contracts.Lane;
import dev.mixdown.jobs.contracts.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Kafka as gauges: each worker group's lag per job topic (records published and not yet
 * committed: jobs waiting or running) and the records in each dead-letter topic. Read with the
 * admin client every refresh of {@link ClusterGauges}.
 */
final class KafkaGauges {
    private final Admin admin;
    private final MultiGauge lag;
    private final MultiGauge dlq;

    KafkaGauges(Admin admin, MeterRegistry registry) {
        this.admin = admin;
        lag = MultiGauge.builder("mixdown.kafka.consumer.lag").description("Records of a job topic its worker group has not committed")
                .register(registry);
        dlq = MultiGauge.builder("mixdown.kafka.dlq.records").description("Records in a dead-letter topic").register(registry);
    }

    void refresh() throws Exception {
        List<MultiGauge.Row<?>> lags = new ArrayList<>();
        List<MultiGauge.Row<?>> dead = new ArrayList<>();
        Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
        for (JobKind kind : JobKind.values()) {
            String group = kind.id() + "-workers";
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS);
            for (Lane lane : Lane.values()) {
                String topic = Topics.jobs(kind, lane);
                if (existing.contains(topic)) {
                    Map<TopicPartition, Long> ends = ends(topic);
                    long behind = 0;
                    for (var e : ends.entrySet()) {
                        OffsetAndMetadata c = committed.get(e.getKey());
                        behind += e.getValue() - (c == null ? 0 : c.offset());
                    }
                    lags.add(MultiGauge.Row.of(Tags.of("group", group, "topic", topic), behind));
                }
                String dlqTopic = Topics.deadLetter(topic);
                if (existing.contains(dlqTopic)) {
                    dead.add(MultiGauge.Row.of(Tags.of("topic", dlqTopic), ends(dlqTopic).values().stream().mapToLong(Long::longValue).sum()));
                }
            }
        }
        lag.register(lags, true);
        dlq.register(dead, true);
    }

    /** The end offset of each partition of {@code topic}. */
    private Map<TopicPartition, Long> ends(String topic) throws Exception {
        var description = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic);
        Map<TopicPartition, OffsetSpec> ask = new HashMap<>();
        description.partitions().forEach(p -> ask.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> r = admin.listOffsets(ask).all().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, Long> ends = new HashMap<>();
        r.forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }
}
