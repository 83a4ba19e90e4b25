package dev.mixdown.jobs.worker;

import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A slot's producer: events, retries and dead letters, keyed by job id (so one job's records stay
 * in order on one partition), idempotent and acknowledged by all in-sync replicas.
 */
final class EventPublisher implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;

    EventPublisher(String bootstrapServers, String clientId) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /** Sends without waiting (progress, heartbeats: a lost one is replaced by the next). */
    void send(String topic, String key, byte[] value) {
        producer.send(new ProducerRecord<>(topic, key, value));
    }

    /**
     * Sends and waits for the broker's acknowledgement, for as long as the producer keeps trying
     * (its delivery timeout, 2 minutes by default): what follows (an offset commit) may rely on it.
     *
     * @throws KafkaException when the broker did not take it
     */
    void sendAndWait(String topic, String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while publishing to " + topic, e);
        } catch (ExecutionException e) {
            throw new KafkaException("could not publish to " + topic + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
