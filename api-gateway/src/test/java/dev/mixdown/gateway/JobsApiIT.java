package dev.mixdown.gateway;

import static dev.mixdown.gateway.ApiCalls.awaitStatus;
import static dev.mixdown.gateway.ApiCalls.masterRequest;
import static dev.mixdown.gateway.ApiCalls.song;
import static dev.mixdown.gateway.ApiCalls.upload;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixdown.dsp.analysis.LoudnessAnalyzer;
import dev.mixdown.gateway.jobs.JobStateMachine;
import dev.mixdown.gateway.tenants.TenantBootstrap;
import dev.mixdown.jobs.contracts.JobEvent;
import dev.mixdown.jobs.contracts.JobKind;
import dev.mixdown.jobs.contracts.JobMessage;
import dev.mixdown.jobs.contracts.JobRun;
import dev.mixdown.jobs.contracts.Topics;
import dev.mixdown.jobs.storage.ObjectStorage;
import dev.mixdown.jobs.worker.WorkerRuntime;
import dev.mixdown.local.KafkaJobClient;
import dev.mixdown.worker.mix.MixJobProcessor;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The gateway on real PostgreSQL, Kafka and S3Proxy, with real workers where a job must run. */
@QuarkusTest
@QuarkusTestResource(value = RealServices.class, restrictToAnnotatedClass = true)
@DisplayName("Jobs API on the real services")
class JobsApiIT {
    static final String KEY_B = "test-key-tenant-other";

    @Inject
    TenantBootstrap tenants;

    @Inject
    JobStateMachine jobs;

    @BeforeEach
    void secondTenant() {
        tenants.addKey("other", "Another tenant", KEY_B);
    }




    @Test
    @DisplayName("a created job is queued with its outbox row, dispatched to Kafka, and a retried create with the same Idempotency-Key yields one job")
    void createDispatchIdempotent() throws Exception {
        String input = upload(RealServices.KEY_A, "song.wav", song(3));
        String idem = UUID.randomUUID().toString();
        String id = given().auth().oauth2(RealServices.KEY_A).contentType(ContentType.JSON).header("Idempotency-Key", idem)
                .body(masterRequest(input, "spotify")).post("/v1/jobs")
                .then().statusCode(202).extract().path("id");
        String again = given().auth().oauth2(RealServices.KEY_A).contentType(ContentType.JSON).header("Idempotency-Key", idem)
                .body(masterRequest(input, "spotify")).post("/v1/jobs")
                .then().statusCode(202).extract().path("id");
        assertEquals(id, again);
        try (KafkaJobClient client = new KafkaJobClient(RealServices.services.kafkaBootstrap())) {
            JobMessage m = client.findJob(Topics.jobs(JobKind.MASTER, dev.mixdown.jobs.contracts.Lane.INTERACTIVE), id,
                    Duration.ofSeconds(20)).orElseThrow();
            assertEquals("local", m.tenantId());
            assertEquals(input, m.input());
        }
        long sameKey = given().auth().oauth2(RealServices.KEY_A).get("/v1/jobs").then().statusCode(200).extract()
                .jsonPath().getList("id").stream().filter(id::equals).count();
        assertEquals(1, sameKey, "one job for two creates");
        given().auth().oauth2(RealServices.KEY_A).get("/v1/jobs/" + id).then().statusCode(200).body("status", equalTo("DISPATCHED"));
    }

    @Test
    @DisplayName("events move a job forward once: a replayed, out-of-order or older-attempt event changes nothing")
    void stateMachine() throws Exception {
        String input = upload(RealServices.KEY_A, "song.wav", song(2));
        String id = given().auth().oauth2(RealServices.KEY_A).contentType(ContentType.JSON).body(masterRequest(input, "spotify"))
                .post("/v1/jobs").then().statusCode(202).extract().path("id");
        awaitStatus(RealServices.KEY_A, id, "DISPATCHED", Duration.ofSeconds(20));
        JobEvent started = event(id, 1, 0, JobEvent.Type.STARTED, null);
        JobEvent progress = event(id, 1, 1, JobEvent.Type.PROGRESS, null);
        JobEvent done = new JobEvent(JobMessage.SCHEMA_VERSION, UUID.randomUUID().toString(), id, "local", 1, 2,
                JobEvent.Type.SUCCEEDED, 100.0, "done", List.of(new JobEvent.OutputFile("out.wav", input, 10, -14.0, -1.2)), null,
                null, "test", Instant.now().toString(), RUN_1);
        assertTrue(jobs.apply(started));
        assertTrue(jobs.apply(progress));
        assertFalse(jobs.apply(progress), "a replayed event changes nothing");
        assertFalse(jobs.apply(started), "an out-of-order event changes nothing");
        assertTrue(jobs.apply(done));
        assertFalse(jobs.apply(event(id, 1, 3, JobEvent.Type.FAILED, new JobEvent.JobError("BAD_INPUT", "late", false))),
                "nothing moves a finished job");
        assertFalse(jobs.apply(event(id, 0, 9, JobEvent.Type.PROGRESS, null)), "an older attempt changes nothing");
        assertFalse(jobs.apply(RunFencingIT.event(id, new JobRun(UUID.randomUUID().toString(), 1, 1, 0, 2), 0,
                JobEvent.Type.STARTED, null)), "nor does a newer run after the end");
        given().auth().oauth2(RealServices.KEY_A).get("/v1/jobs/" + id).then().statusCode(200)
                .body("status", equalTo("SUCCEEDED")).body("outputs[0].name", equalTo("out.wav"));
    }

    private static final JobRun RUN_1 = new JobRun(UUID.randomUUID().toString(), 1, 1, 0, 1);

    /** An event of the job's first run (or, for another attempt, of a run of that attempt). */
    private static JobEvent event(String id, int attempt, long seq, JobEvent.Type type, JobEvent.JobError error) {
        JobRun run = attempt == 1 ? RUN_1 : new JobRun(RUN_1.id(), 1, attempt, 0, 1);
        return RunFencingIT.event(id, run, seq, type, error);
    }

    @Test
    @DisplayName("a tenant never sees another tenant's jobs or files (404), and a request without a key is refused (401)")
    void tenantIsolation() throws Exception {
        String input = upload(RealServices.KEY_A, "song.wav", song(2));
        String id = given().auth().oauth2(RealServices.KEY_A).contentType(ContentType.JSON).body(masterRequest(input, "spotify"))
                .post("/v1/jobs").then().statusCode(202).extract().path("id");
        given().auth().oauth2(KEY_B).get("/v1/jobs/" + id).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        given().auth().oauth2(KEY_B).contentType(ContentType.JSON).body(masterRequest(input, "spotify")).post("/v1/jobs")
                .then().statusCode(400).body("code", equalTo("UNKNOWN_KEY"));
        given().get("/v1/jobs").then().statusCode(401).body("code", equalTo("UNAUTHORIZED"));
    }

    @Test
    @DisplayName("bad requests are refused before anything is queued, with a stable code and a message a person understands")
    void validation() throws Exception {
        String input = upload(RealServices.KEY_A, "song.wav", song(1));
        given().auth().oauth2(RealServices.KEY_A).contentType(ContentType.JSON).body(masterRequest(input, "radio-luxembourg"))
                .post("/v1/jobs").then().statusCode(400).body("code", equalTo("UNSUPPORTED_TARGET"))
                .body("message", startsWith("deliverables[0] (out.wav): unknown target 'radio-luxembourg'"));
        given().auth().oauth2(RealServices.KEY_A).contentType(ContentType.JSON)
                .body(masterRequest("tenants/local/uploads/nope/missing.wav", "spotify"))
                .post("/v1/jobs").then().statusCode(400).body("code", equalTo("UNKNOWN_KEY"));
        List<Map<String, String>> stems = new java.util.ArrayList<>();
        for (int i = 0; i < 129; i++) {
            stems.add(Map.of("key", input));
        }
        given().auth().oauth2(RealServices.KEY_A).contentType(ContentType.JSON).body(Map.of("kind", "mix", "stems", stems))
                .post("/v1/jobs").then().statusCode(400).body("code", equalTo("TOO_MANY_STEMS"));
    }

    @Test
    @DisplayName("a mix job chained into mastering runs on real workers and reaches SUCCEEDED with a downloadable master on target, and its mix kept")
    void endToEnd() throws Exception {
        ObjectStorage storage = new ObjectStorage(RealServices.services.s3Endpoint(), RealServices.services.s3AccessKey(),
                RealServices.services.s3SecretKey(), "mixdown");
        Path work = Files.createTempDirectory("mixdown-gw-workers-");
        WorkerRuntime mixWorker = new WorkerRuntime(new WorkerRuntime.Config(RealServices.services.kafkaBootstrap(), "mix-workers",
                JobKind.MIX, "mix-1", 3, Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofMillis(200), Duration.ofSeconds(2),
                work.resolve("mix")), new MixJobProcessor(), storage);
        Thread t = new Thread(mixWorker, "mix-worker");
        t.start();
        try {
            String upload = UUID.randomUUID().toString();
            String bass = given().auth().oauth2(RealServices.KEY_A).contentType("application/octet-stream").body(song(5))
                    .put("/v1/uploads/" + upload + "/Bass.wav").then().statusCode(200).extract().path("key");
            String keys = given().auth().oauth2(RealServices.KEY_A).contentType("application/octet-stream").body(song(5))
                    .put("/v1/uploads/" + upload + "/Keys.wav").then().statusCode(200).extract().path("key");
            Map<String, Object> req = Map.of("kind", "mix", "stems", List.of(Map.of("key", bass), Map.of("key", keys)),
                    "deliverables", List.of(Map.of("name", "spotify.wav", "bits", "24", "target", Map.of("name", "spotify"))));
            String id = given().auth().oauth2(RealServices.KEY_A).contentType(ContentType.JSON).body(req).post("/v1/jobs")
                    .then().statusCode(202).extract().path("id");
            Response done = awaitStatus(RealServices.KEY_A, id, "SUCCEEDED", Duration.ofSeconds(120));
            assertEquals(List.of("spotify.wav", "mix.wav"), done.path("outputs.name"), "the mix is kept beside its master");
            String url = done.path("outputs[0].url");
            Path local = Files.createTempFile("master-", ".wav");
            try (InputStream in = URI.create(url).toURL().openStream()) {
                Files.copy(in, local, StandardCopyOption.REPLACE_EXISTING);
            }
            assertEquals(-14.0, LoudnessAnalyzer.analyze(local).integratedLufs().getAsDouble(), 0.1);
            Files.delete(local);
        } finally {
            mixWorker.stop();
            t.join(30_000);
            storage.close();
        }
    }

    @Test
    @DisplayName("a batch queues all its jobs in one call and lists by batch; a revision re-runs a job with changed settings, linked to it")
    void batchesAndRevisions() throws Exception {
        String a = upload(RealServices.KEY_A, "a.wav", song(1));
        String b = upload(RealServices.KEY_A, "b.wav", song(1));
        String idem = UUID.randomUUID().toString();
        Map<String, Object> batch = Map.of("jobs", List.of(masterRequest(a, "spotify"), masterRequest(b, "ebu-r128")));
        Response created = given().auth().oauth2(RealServices.KEY_A).contentType(ContentType.JSON).header("Idempotency-Key", idem)
                .body(batch).post("/v1/batches").then().statusCode(202).extract().response();
        String batchId = created.path("id");
        assertEquals(2, created.jsonPath().getList("jobs").size());
        Response again = given().auth().oauth2(RealServices.KEY_A).contentType(ContentType.JSON).header("Idempotency-Key", idem)
                .body(batch).post("/v1/batches").then().statusCode(202).extract().response();
        assertEquals(batchId, again.path("id"), "a retried batch is the same batch");
        given().auth().oauth2(RealServices.KEY_A).get("/v1/jobs?batch=" + batchId).then().statusCode(200)
                .body("size()", equalTo(2));
        // several statuses at once (what a client follows: the unfinished ones); no worker runs here
        given().auth().oauth2(RealServices.KEY_A).get("/v1/jobs?status=QUEUED,DISPATCHED,RUNNING&batch=" + batchId).then()
                .statusCode(200).body("size()", equalTo(2));
        given().auth().oauth2(RealServices.KEY_A).get("/v1/jobs?status=SUCCEEDED,FAILED&batch=" + batchId).then()
                .statusCode(200).body("size()", equalTo(0));
        given().auth().oauth2(RealServices.KEY_A).get("/v1/jobs?status=QUEUED,DONE").then().statusCode(400)
                .body("code", equalTo("INVALID_REQUEST")).body("message", startsWith("unknown status DONE"));

        Map<String, Object> bad = Map.of("jobs", List.of(masterRequest(a, "spotify"), masterRequest(a, "nope")));
        given().auth().oauth2(RealServices.KEY_A).contentType(ContentType.JSON).body(bad).post("/v1/batches").then().statusCode(400)
                .body("code", equalTo("UNSUPPORTED_TARGET")).body("message", startsWith("job 1 of the batch"));

        String original = created.path("jobs[0].id");
        Map<String, Object> changes = Map.of("deliverables",
                List.of(Map.of("name", "apple.wav", "bits", "16", "target", Map.of("name", "apple-music"))));
        Response revision = given().auth().oauth2(RealServices.KEY_A).contentType(ContentType.JSON).body(changes)
                .post("/v1/jobs/" + original + "/revisions").then().statusCode(202).extract().response();
        assertEquals(original, revision.path("revisionOf"));
        try (KafkaJobClient client = new KafkaJobClient(RealServices.services.kafkaBootstrap())) {
            JobMessage m = client.findJob(Topics.jobs(JobKind.MASTER, dev.mixdown.jobs.contracts.Lane.INTERACTIVE),
                    revision.path("id"), Duration.ofSeconds(20)).orElseThrow();
            assertEquals(a, m.input(), "same input, not uploaded again");
            assertEquals("apple-music", m.deliverables().get(0).target().name());
        }
        given().auth().oauth2(RealServices.KEY_A).redirects().follow(false).get("/v1/jobs/" + original + "/report")
                .then().statusCode(409).body("code", equalTo("NO_REPORT_YET"));
    }

    @Test
    @DisplayName("a job can be followed as server-sent events until its final state")
    void serverSentEvents() throws Exception {
        String input = upload(RealServices.KEY_A, "song.wav", song(1));
        String id = given().auth().oauth2(RealServices.KEY_A).contentType(ContentType.JSON).body(masterRequest(input, "spotify"))
                .post("/v1/jobs").then().statusCode(202).extract().path("id");
        awaitStatus(RealServices.KEY_A, id, "DISPATCHED", Duration.ofSeconds(20));
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest req = java.net.http.HttpRequest.newBuilder(URI.create(
                io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port + "/v1/jobs/" + id + "/events"))
                .header("Authorization", "Bearer " + RealServices.KEY_A).header("Accept", "text/event-stream").build();
        var stream = http.sendAsync(req, java.net.http.HttpResponse.BodyHandlers.ofLines());
        Thread.sleep(500);
        jobs.apply(event(id, 1, 0, JobEvent.Type.STARTED, null));
        Thread.sleep(400);
        jobs.apply(event(id, 1, 1, JobEvent.Type.SUCCEEDED, null));
        var response = stream.get(30, java.util.concurrent.TimeUnit.SECONDS);
        List<String> all = response.body().toList();
        List<String> lines = all.stream().filter(l -> l.startsWith("data:")).toList();
        assertEquals(200, response.statusCode(), all.toString());
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"status\":\"RUNNING\"")), lines.toString());
        assertTrue(lines.get(lines.size() - 1).contains("\"status\":\"SUCCEEDED\""), "the stream ends with the final state: " + lines);
    }

}
