package dev.mixdown.gateway.outbox;

import dev.mixdown.gateway.config.GatewayConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows to Kafka, keyed by job id, in every gateway replica: rows are claimed
 * with FOR UPDATE SKIP LOCKED, so replicas share the work without publishing a row twice in the
 * normal case (a crash between publish and commit publishes again; workers and the state machine
 * make that harmless).
 */
@ApplicationScoped
public class OutboxDispatcher {
    private static final Logger LOG = Logger.getLogger(OutboxDispatcher.class);

    @Inject
    GatewayConfig config;

    @Inject
    OutboxClaims claims;

    private KafkaProducer<String, byte[]> producer;
    private Thread thread;
    private volatile boolean running;
    /** A permit means: rows were committed since the last round. */
    private final java.util.concurrent.Semaphore wakeups = new java.util.concurrent.Semaphore(0);

    void start(@Observes StartupEvent event) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "gateway-dispatcher");
        producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        running = true;
        thread = new Thread(this::loop, "outbox-dispatcher");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.join(5_000);
        }
        if (producer != null) {
            producer.close();
        }
    }

    /** Rows were committed: start a round now rather than at the next interval. */
    void wake(@Observes(during = jakarta.enterprise.event.TransactionPhase.AFTER_SUCCESS) OutboxWritten written) {
        if (wakeups.availablePermits() == 0) {
            wakeups.release();
        }
    }

    private void loop() {
        while (running) {
            try {
                int sent = claims.dispatchBatch(config.dispatcher().batch(), config.dispatcher().perTenantInFlight(), this::publish);
                if (sent == 0) {
                    wakeups.tryAcquire(config.dispatcher().intervalMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                    wakeups.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warnf("outbox round failed, retrying: %s", e.getMessage());
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void publish(OutboxEntity row) {
        try {
            producer.send(new ProducerRecord<>(row.topic, row.jobId.toString(), row.payload.getBytes(StandardCharsets.UTF_8)))
                    .get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing job " + row.jobId, e);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish job " + row.jobId + ": " + e.getMessage(), e);
        }
    }
}
