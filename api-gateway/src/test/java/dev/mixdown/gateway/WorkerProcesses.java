package dev.mixdown.gateway;

import static dev.mixdown.gateway.ApiCalls.song;
import static dev.mixdown.gateway.ApiCalls.upload;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixdown.jobs.contracts.JobEvent;
import dev.mixdown.jobs.contracts.Json;
import dev.mixdown.jobs.contracts.Topics;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Real mix-worker processes for the fault ITs, and what those tests do with jobs: submit, wait, read events. */
final class WorkerProcesses {
    private static final Path WORKER_JAR = Path.of("../mix-worker/target/quarkus-app/quarkus-run.jar").toAbsolutePath().normalize();

    private WorkerProcesses() {
    }

    /** A mix worker process on the test's services, logging to its own file; {@code extra} adds or overrides its environment. */
    static Process start(String id, Map<String, String> extra) throws IOException {
        assertTrue(Files.exists(WORKER_JAR), "the mix worker is packaged first: " + WORKER_JAR);
        Path dir = Files.createDirectories(RealServices.dir.resolve("workers"));
        ProcessBuilder pb = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx512m", "-jar",
                WORKER_JAR.toString());
        pb.environment().put("MIXDOWN_KAFKA_BOOTSTRAP", RealServices.services.kafkaBootstrap());
        pb.environment().put("MIXDOWN_S3_ENDPOINT", RealServices.services.s3Endpoint());
        pb.environment().put("MIXDOWN_S3_ACCESS_KEY", RealServices.services.s3AccessKey());
        pb.environment().put("MIXDOWN_S3_SECRET_KEY", RealServices.services.s3SecretKey());
        pb.environment().put("MIXDOWN_WORKER_ID", id);
        pb.environment().put("MIXDOWN_WORK_DIR", dir.resolve("work-" + id).toString());
        pb.environment().put("MIXDOWN_SESSION_TIMEOUT_MS", "6000");
        pb.environment().putAll(extra);
        pb.redirectErrorStream(true).redirectOutput(dir.resolve(id + ".log").toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        return pb.start();
    }

    static String submitMix(double seconds) throws IOException {
        String bass = upload(RealServices.KEY_A, "bass.wav", song(seconds));
        String keys = upload(RealServices.KEY_A, "keys.wav", song(seconds));
        Map<String, Object> req = Map.of("kind", "mix", "stems", List.of(Map.of("key", bass), Map.of("key", keys)),
                "deliverables", List.of(Map.of("name", "spotify.wav", "bits", "24", "target", Map.of("name", "spotify"))));
        return given().auth().oauth2(RealServices.KEY_A).contentType(ContentType.JSON).body(req).post("/v1/jobs")
                .then().statusCode(202).extract().path("id");
    }

    /** What a submitter's {@code --wait} does: polls until the job ends. */
    static Response awaitEnd(String id, Duration timeout) throws InterruptedException {
        long end = System.currentTimeMillis() + timeout.toMillis();
        while (true) {
            Response r = given().auth().oauth2(RealServices.KEY_A).get("/v1/jobs/" + id);
            String status = r.path("status");
            if (List.of("SUCCEEDED", "FAILED", "CANCELLED").contains(status) || System.currentTimeMillis() > end) {
                return r;
            }
            Thread.sleep(200);
        }
    }

    /** Every event of the job on the events topic, read until {@code until} matches or the timeout passes. */
    static List<JobEvent> events(String jobId, java.util.function.Predicate<List<JobEvent>> until, Duration timeout) {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealServices.services.kafkaBootstrap());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<JobEvent> seen = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.EVENTS));
            long end = System.currentTimeMillis() + timeout.toMillis();
            while (System.currentTimeMillis() < end && !until.test(seen)) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    JobEvent e = Json.read(r.value(), JobEvent.class);
                    if (e.jobId().equals(jobId)) {
                        seen.add(e);
                    }
                }
            }
        }
        return seen;
    }

}
