package dev.mixdown.gateway.outbox;

import dev.mixdown.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.time.Duration;
import jakarta.enterprise.event.TransactionPhase;
import dev.mixdown.gateway.background.BackgroundLoop;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes outbox rows to Kafka, keyed by job id, in every gateway replica: rows are claimed
 * with FOR UPDATE SKIP LOCKED, so replicas share the work without publishing a row twice in the
 * normal case (a crash between publish and commit publishes again; workers and the state machine
 * make that harmless).
 */
@ApplicationScoped
public class OutboxDispatcher extends BackgroundLoop {
    @Inject
    GatewayConfig config;

    @Inject
    OutboxClaims claims;

    private KafkaProducer<String, byte[]> producer;
    /** A permit means: rows were committed since the last round. */
    private final Semaphore wakeups = new Semaphore(0);

    @Override
    public String name() {
        return "outbox-dispatcher";
    }

    @Override
    protected void beforeStart() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "gateway-dispatcher");
        // a round waits at most this long for the broker, then fails and backs off
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /** Rows were committed: start a round now rather than at the next interval. */
    void wake(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxWritten written) {
        if (wakeups.availablePermits() == 0) {
            wakeups.release();
        }
    }

    @Override
    protected boolean round() {
        return claims.dispatchBatch(config.dispatcher().batch(), config.dispatcher().perTenantInFlight(), this::publish) > 0;
    }

    @Override
    protected void idle() throws InterruptedException {
        wakeups.tryAcquire(config.dispatcher().intervalMillis(), TimeUnit.MILLISECONDS);
        wakeups.drainPermits();
    }

    @Override
    protected void closeResources() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    private void publish(OutboxEntity row) {
        try {
            producer.send(new ProducerRecord<>(row.topic, row.jobId.toString(), row.payload.getBytes(StandardCharsets.UTF_8))).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing job " + row.jobId, e);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish job " + row.jobId + ": " + e.getMessage(), e);
        }
    }
}
