package dev.mixdown.gateway.events;

import dev.mixdown.gateway.config.GatewayConfig;
import dev.mixdown.gateway.jobs.JobStateMachine;
import dev.mixdown.jobs.contracts.JobEvent;
import dev.mixdown.jobs.contracts.Json;
import dev.mixdown.jobs.contracts.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/** Applies worker events to job state; commits offsets only after the state is committed. */
@ApplicationScoped
public class EventConsumer {
    private static final Logger LOG = Logger.getLogger(EventConsumer.class);

    @Inject
    GatewayConfig config;

    @Inject
    JobStateMachine jobs;

    private KafkaConsumer<String, byte[]> consumer;
    private Thread thread;
    private volatile boolean running;

    void start(@Observes StartupEvent event) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "gateway-events");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        running = true;
        thread = new Thread(this::loop, "event-consumer");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            thread.join(5_000);
        }
    }

    private void loop() {
        try {
            consumer.subscribe(List.of(Topics.EVENTS));
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        jobs.apply(Json.read(r.value(), JobEvent.class));
                    } catch (IllegalArgumentException e) {
                        LOG.warnf("skipping an unreadable event at offset %d: %s", r.offset(), e.getMessage());
                    }
                }
                consumer.commitSync();
            }
        } catch (WakeupException e) {
            // stopping
        } catch (RuntimeException e) {
            LOG.error("event consumer stopped", e);
        } finally {
            consumer.close();
        }
    }
}
