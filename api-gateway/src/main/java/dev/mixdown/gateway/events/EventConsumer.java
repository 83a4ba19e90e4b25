package dev.mixdown.gateway.events;

import dev.mixdown.gateway.background.BackgroundLoop;
import dev.mixdown.gateway.config.GatewayConfig;
import dev.mixdown.gateway.jobs.JobStateMachine;
import dev.mixdown.jobs.contracts.JobEvent;
import dev.mixdown.jobs.contracts.Json;
import dev.mixdown.jobs.contracts.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Applies worker events to job state, and commits their offsets only after the state is committed.
 * A poll does not fail while the broker is away, so the loop also asks the broker for its topics
 * every few seconds. A failed round (the broker or the database away) drops the consumer, so the next round starts
 * again from the last committed offset: no event is skipped, and a repeated one changes nothing.
 */
@ApplicationScoped
public class EventConsumer extends BackgroundLoop {
    private static final Logger LOG = Logger.getLogger(EventConsumer.class);

    @Inject
    GatewayConfig config;

    @Inject
    JobStateMachine stateMachine;

    /** How often an idle consumer asks the broker for its topics, so that a consumer cut off by an outage is dropped and made anew. */
    private static final Duration BROKER_CHECK = Duration.ofSeconds(5);

    private KafkaConsumer<String, byte[]> consumer;
    private long lastBrokerCheckMillis;

    @Override
    public String name() {
        return "event-consumer";
    }

    @Override
    protected boolean round() {
        if (consumer == null) {
            consumer = newConsumer();
        }
        if (System.currentTimeMillis() - lastBrokerCheckMillis > BROKER_CHECK.toMillis()) {
            consumer.listTopics(BROKER_CHECK); // throws when the broker cannot be reached: the round fails and backs off
            lastBrokerCheckMillis = System.currentTimeMillis();
        }
        var records = consumer.poll(Duration.ofMillis(200));
        for (ConsumerRecord<String, byte[]> r : records) {
            JobEvent e;
            try {
                e = Json.read(r.value(), JobEvent.class);
            } catch (IllegalArgumentException unreadable) {
                LOG.warnf("skipping an unreadable event at offset %d: %s", r.offset(), unreadable.getMessage());
                continue;
            }
            stateMachine.apply(e);
        }
        if (!records.isEmpty()) {
            consumer.commitSync();
        }
        return true; // poll() waits by itself
    }

    @Override
    protected void afterFailure() {
        closeResources();
    }

    @Override
    protected void closeResources() {
        if (consumer != null) {
            try {
                consumer.close(Duration.ofSeconds(2));
            } finally {
                consumer = null;
            }
        }
    }

    private KafkaConsumer<String, byte[]> newConsumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "gateway-events");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        c.subscribe(List.of(Topics.EVENTS));
        return c;
    }
}
