package dev.mixdown.local;

import dev.mixdown.jobs.contracts.JobEvent;
import dev.mixdown.jobs.contracts.JobMessage;
import dev.mixdown.jobs.contracts.Json;
import dev.mixdown.jobs.contracts.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Talks to workers the way the gateway's dispatcher and event consumer do, straight on Kafka:
 * publishes jobs and collects their events. For integration tests and for poking at a local
 * cluster; the gateway is the real client.
 */
public final class KafkaJobClient implements AutoCloseable {
    private final String bootstrapServers;
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> events;
    private final List<JobEvent> seen = new ArrayList<>();

    public KafkaJobClient(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        events = consumer("events-" + UUID.randomUUID());
        events.subscribe(List.of(Topics.EVENTS));
    }

    /** Publishes a job on its topic, keyed by its id, and waits for the broker's acknowledgement. */
    public void submit(JobMessage job) throws ExecutionException, InterruptedException {
        producer.send(new ProducerRecord<>(job.topic(), job.jobId(), Json.write(job))).get();
    }

    /** Every event seen so far. */
    public List<JobEvent> events() {
        return List.copyOf(seen);
    }

    /** Waits for the final event of a job: SUCCEEDED, or FAILED without a retry to follow. */
    public JobEvent awaitFinal(String jobId, Duration timeout) {
        long end = System.currentTimeMillis() + timeout.toMillis();
        while (System.currentTimeMillis() < end) {
            for (ConsumerRecord<String, byte[]> r : events.poll(Duration.ofMillis(200))) {
                seen.add(Json.read(r.value(), JobEvent.class));
            }
            for (JobEvent e : seen) {
                if (e.jobId().equals(jobId) && e.type().terminal() && (e.error() == null || !e.error().retryable())) {
                    return e;
                }
            }
        }
        throw new AssertionError("no final event for job " + jobId + " within " + timeout + "; seen " + seen);
    }

    /** Reads a topic from the start until a job with this id shows up, or the timeout passes. */
    public Optional<JobMessage> findJob(String topic, String jobId, Duration timeout) {
        try (KafkaConsumer<String, byte[]> c = consumer("find-" + UUID.randomUUID())) {
            c.subscribe(List.of(topic));
            long end = System.currentTimeMillis() + timeout.toMillis();
            while (System.currentTimeMillis() < end) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    JobMessage m = Json.read(r.value(), JobMessage.class);
                    if (m.jobId().equals(jobId)) {
                        return Optional.of(m);
                    }
                }
            }
            return Optional.empty();
        }
    }

    private KafkaConsumer<String, byte[]> consumer(String group) {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public void close() {
        events.close();
        producer.close();
    }
}
