package dev.mixdown.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixdown.jobs.storage.ObjectStorage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What `./mixdown down` and `up` rely on: the embedded broker, object store and database keep
 * their data in the data folder, so queued jobs, uploaded files and job state are still there
 * after every service was stopped and started again on the same ports.
 */
@DisplayName("Embedded services across a restart")
class ServicesRestartIT {
    private static final String TOPIC = "mixdown.restart.check";

    @Test
    @DisplayName("keep Kafka records, stored objects and database rows after down and up on the same data folder")
    void dataSurvivesRestart(@TempDir Path data) throws Exception {
        int kafkaPort = TestServices.freePort();
        int controllerPort = TestServices.freePort();
        int s3Port = TestServices.freePort();
        int pgPort = TestServices.freePort();
        Path upload = Files.writeString(data.resolve("stem.txt"), "a stem's bytes", StandardCharsets.UTF_8);

        try (EmbeddedKafka kafka = new EmbeddedKafka(data.resolve("kafka"), kafkaPort, controllerPort, 1).start();
                EmbeddedS3 s3 = new EmbeddedS3(data.resolve("s3"), s3Port, "mixdown", "mixdown-secret").start();
                EmbeddedDatabase db = new EmbeddedDatabase(data.resolve("pg"), pgPort, "restart-password").start()) {
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(kafka.bootstrapServers()))) {
                producer.send(new ProducerRecord<>(TOPIC, "job-1", "queued before down")).get();
            }
            try (ObjectStorage storage = new ObjectStorage(s3.endpoint(), s3.accessKey(), s3.secretKey(), "mixdown")) {
                storage.ensureBucket();
                storage.upload(upload, "uploads/t1/stem.txt");
            }
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                    Statement st = c.createStatement()) {
                st.execute("CREATE TABLE job (id text PRIMARY KEY, status text)");
                st.execute("INSERT INTO job VALUES ('job-1', 'QUEUED')");
            }
        }

        try (EmbeddedKafka kafka = new EmbeddedKafka(data.resolve("kafka"), kafkaPort, controllerPort, 1).start();
                EmbeddedS3 s3 = new EmbeddedS3(data.resolve("s3"), s3Port, "mixdown", "mixdown-secret").start();
                EmbeddedDatabase db = new EmbeddedDatabase(data.resolve("pg"), pgPort, "restart-password").start()) {
            assertEquals(List.of("job-1=queued before down"), readAll(kafka.bootstrapServers()));

            try (ObjectStorage storage = new ObjectStorage(s3.endpoint(), s3.accessKey(), s3.secretKey(), "mixdown")) {
                assertTrue(storage.exists("uploads/t1/stem.txt"), "the uploaded object is still stored");
                Path back = data.resolve("back.txt");
                storage.download("uploads/t1/stem.txt", back);
                assertEquals("a stem's bytes", Files.readString(back, StandardCharsets.UTF_8));
            }
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                    Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT status FROM job WHERE id = 'job-1'")) {
                assertTrue(rs.next(), "the job row is still there");
                assertEquals("QUEUED", rs.getString(1));
            }
        }
    }

    private static Properties producerConfig(String bootstrap) {
        Properties p = new Properties();
        p.putAll(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
        return p;
    }

    private static List<String> readAll(String bootstrap) {
        Properties p = new Properties();
        p.putAll(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "restart-check",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
        List<String> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (seen.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    seen.add(r.key() + "=" + r.value());
                }
            }
        }
        return seen;
    }
}
