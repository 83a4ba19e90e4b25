package dev.mixdown.gateway;

import static dev.mixdown.gateway.ApiFixtures.song;
import static dev.mixdown.gateway.ApiFixtures.upload;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixdown.jobs.contracts.JobEvent;
import dev.mixdown.jobs.contracts.Json;
import dev.mixdown.jobs.contracts.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
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
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Workers that die or are stopped mid-job, on the real services with the real gateway and real
 * mix-worker processes. The crash points are chosen, not timed: a worker started with
 * {@code MIXDOWN_FAULT_HALT_AT} halts itself (as {@code kill -9} would) exactly there. Every job
 * must end exactly once, with the outputs of one run, and the submitter's wait must return.
 */
@QuarkusTest
@QuarkusTestResource(value = RealServices.class, restrictToAnnotatedClass = true)
@DisplayName("Workers killed or stopped mid-job")
class WorkerFaultsIT {
    private static final Path WORKER_JAR = Path.of("../mix-worker/target/quarkus-app/quarkus-run.jar").toAbsolutePath().normalize();
    private final List<Process> workers = new ArrayList<>();

    @AfterEach
    void stopWorkers() throws InterruptedException {
        for (Process p : workers) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        workers.clear();
    }

    private Process worker(String id, Map<String, String> extra) throws IOException {
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
        Process p = pb.start();
        workers.add(p);
        return p;
    }

    private static String submitMix(double seconds) throws IOException {
        String bass = upload(RealServices.KEY_A, "bass.wav", song(seconds));
        String keys = upload(RealServices.KEY_A, "keys.wav", song(seconds));
        Map<String, Object> req = Map.of("kind", "mix", "stems", List.of(Map.of("key", bass), Map.of("key", keys)),
                "deliverables", List.of(Map.of("name", "spotify.wav", "bits", "24", "target", Map.of("name", "spotify"))));
        return given().auth().oauth2(RealServices.KEY_A).contentType(ContentType.JSON).body(req).post("/v1/jobs")
                .then().statusCode(202).extract().path("id");
    }

    /** What a submitter's {@code --wait} does: polls until the job ends. */
    private static Response awaitEnd(String id, Duration timeout) throws InterruptedException {
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
    private static List<JobEvent> events(String jobId, java.util.function.Predicate<List<JobEvent>> until, Duration timeout) {
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

    private static long succeededBy(List<JobEvent> events, String workerPrefix) {
        return events.stream().filter(e -> e.type() == JobEvent.Type.SUCCEEDED && e.workerId().startsWith(workerPrefix)).count();
    }

    @ParameterizedTest(name = "killed at {0}")
    @ValueSource(strings = {"download", "mix", "upload"})
    @DisplayName("a worker killed during download, render or upload: the next worker's run finishes the job, once, with its own outputs")
    void killedMidRun(String point) throws Exception {
        String id = submitMix(8);
        Process first = worker("first-" + point, Map.of("MIXDOWN_FAULT_HALT_AT", point));
        assertTrue(first.waitFor(120, TimeUnit.SECONDS), "the first worker reached '" + point + "' and halted");
        assertEquals(137, first.exitValue(), "halted at the fault point");
        worker("second-" + point, Map.of());
        Response done = awaitEnd(id, Duration.ofSeconds(180));
        assertEquals("SUCCEEDED", done.path("status"), done.asString());
        List<JobEvent> events = events(id, seen -> succeededBy(seen, "second") > 0, Duration.ofSeconds(20));
        assertEquals(0, succeededBy(events, "first"), "the killed worker never finished");
        JobEvent success = events.stream().filter(e -> e.type() == JobEvent.Type.SUCCEEDED).findFirst().orElseThrow();
        assertEquals(2, success.run().start(), "the second run of the same record: " + success.run());
        List<String> urls = done.path("outputs.url");
        assertEquals(1, urls.size(), done.asString());
        assertTrue(urls.get(0).contains("/runs/" + success.run().id() + "/"), "published outputs are the finishing run's: " + urls);
    }

    @Test
    @DisplayName("a worker killed after its final event but before its offset commit: the job ends once, and the repeated run publishes nothing")
    void killedAfterFinalEvent() throws Exception {
        String id = submitMix(8);
        Process first = worker("first-final", Map.of("MIXDOWN_FAULT_HALT_AT", "after-final-event"));
        Response done = awaitEnd(id, Duration.ofSeconds(180));
        assertEquals("SUCCEEDED", done.path("status"), done.asString());
        assertTrue(first.waitFor(60, TimeUnit.SECONDS));
        assertEquals(137, first.exitValue());
        List<String> published = done.path("outputs.url");

        // the record was not committed: the next worker runs it again, and the gateway ignores that run
        worker("second-final", Map.of());
        List<JobEvent> events = events(id, seen -> succeededBy(seen, "second") > 0, Duration.ofSeconds(120));
        assertEquals(1, succeededBy(events, "second"), "the record was delivered again and run again");
        Thread.sleep(1_000); // the gateway has read the repeat by now
        Response after = given().auth().oauth2(RealServices.KEY_A).get("/v1/jobs/" + id);
        assertEquals("SUCCEEDED", after.path("status"));
        List<String> keys = published.stream().map(u -> u.substring(0, u.indexOf('?'))).toList();
        List<String> keysAfter = after.<List<String>>path("outputs.url").stream().map(u -> u.substring(0, u.indexOf('?'))).toList();
        assertEquals(keys, keysAfter, "the outputs published first stay the job's outputs");
        assertEquals((Object) done.path("updatedAt"), after.path("updatedAt"), "the ended job did not change");
    }

    @Test
    @DisplayName("a worker stopped with SIGTERM mid-job (scale-down) hands the job back at once, uncounted, and another worker finishes it")
    void stoppedMidJob() throws Exception {
        String id = submitMix(40);
        Process first = worker("first-term", Map.of("MIXDOWN_DRAIN_TIMEOUT_SECONDS", "0"));
        List<JobEvent> started = events(id, seen -> seen.stream().anyMatch(e -> e.type() == JobEvent.Type.STARTED), Duration.ofSeconds(120));
        assertTrue(started.stream().anyMatch(e -> e.type() == JobEvent.Type.STARTED), "the first worker started the job");
        first.destroy(); // SIGTERM
        assertTrue(first.waitFor(30, TimeUnit.SECONDS), "the worker drained and exited");
        worker("second-term", Map.of());
        Response done = awaitEnd(id, Duration.ofSeconds(180));
        assertEquals("SUCCEEDED", done.path("status"), done.asString());
        List<JobEvent> events = events(id, seen -> succeededBy(seen, "second") > 0, Duration.ofSeconds(20));
        JobEvent success = events.stream().filter(e -> e.type() == JobEvent.Type.SUCCEEDED).findFirst().orElseThrow();
        assertTrue(success.workerId().startsWith("second"), success.workerId());
        assertEquals(1, success.run().start(), "a run handed back at drain does not count as a start: " + success.run());
    }
}
