package dev.mixdown.gateway;

import static dev.mixdown.gateway.ApiCalls.awaitStatus;
import static dev.mixdown.gateway.ApiCalls.masterRequest;
import static dev.mixdown.gateway.ApiCalls.song;
import static dev.mixdown.gateway.ApiCalls.upload;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixdown.gateway.jobs.JobStateMachine;
import dev.mixdown.jobs.contracts.JobEvent;
import dev.mixdown.jobs.contracts.JobKind;
import dev.mixdown.jobs.contracts.JobMessage;
import dev.mixdown.jobs.contracts.JobRun;
import dev.mixdown.jobs.contracts.Json;
import dev.mixdown.jobs.contracts.Lane;
import dev.mixdown.jobs.contracts.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Runs and leases at the gateway, on the real services: events of a job's newest run are followed,
 * older runs are ignored, a silent run loses its lease. The tenant has one job in flight at a time
 * (see {@link ShortLeaseServices}), so each test ends its jobs.
 */
@QuarkusTest
@QuarkusTestResource(value = ShortLeaseServices.class, restrictToAnnotatedClass = true)
@DisplayName("Run fencing and leases at the gateway")
class RunFencingIT {
    @Inject
    JobStateMachine jobs;

    static JobEvent event(String jobId, JobRun run, long seq, JobEvent.Type type, JobEvent.JobError error) {
        List<JobEvent.OutputFile> outputs = type == JobEvent.Type.SUCCEEDED
                ? List.of(new JobEvent.OutputFile("out.wav", "tenants/local/jobs/" + jobId + "/runs/" + run.id() + "/out.wav", 10, -14.0, -1.2))
                : null;
        return new JobEvent(JobMessage.SCHEMA_VERSION, UUID.randomUUID().toString(), jobId, "local", run.attempt(), seq, type,
                type == JobEvent.Type.PROGRESS ? 50.0 : null, "x", outputs, null, error, "test", Instant.now().toString(), run);
    }

    private static JobRun run(int dispatch, int attempt, long offset, int start) {
        return new JobRun(UUID.randomUUID().toString(), dispatch, attempt, offset, start);
    }

    private String dispatchedJob() throws Exception {
        String input = upload(RealServices.KEY_A, "song.wav", song(1));
        String id = given().auth().oauth2(RealServices.KEY_A).contentType(ContentType.JSON).body(masterRequest(input, "spotify"))
                .post("/v1/jobs").then().statusCode(202).extract().path("id");
        awaitStatus(RealServices.KEY_A, id, "DISPATCHED", Duration.ofSeconds(20));
        return id;
    }

    @Test
    @DisplayName("a job whose worker was killed ends SUCCEEDED from the next run, though that run numbers its events from 0 again")
    void secondRunFinishesTheJob() throws Exception {
        String id = dispatchedJob();
        JobRun first = run(1, 1, 7, 1);
        JobRun second = run(1, 1, 7, 2);
        assertTrue(jobs.apply(event(id, first, 0, JobEvent.Type.STARTED, null)));
        for (int seq = 1; seq <= 5; seq++) {
            assertTrue(jobs.apply(event(id, first, seq, JobEvent.Type.PROGRESS, null)));
        }
        // the first worker dies; Kafka hands the record to another worker: the same attempt, a new start
        assertTrue(jobs.apply(event(id, second, 0, JobEvent.Type.STARTED, null)), "the newer run is followed");
        assertFalse(jobs.apply(event(id, first, 6, JobEvent.Type.PROGRESS, null)), "a late event of the superseded run is ignored");
        assertTrue(jobs.apply(event(id, second, 1, JobEvent.Type.PROGRESS, null)));
        assertTrue(jobs.apply(event(id, second, 2, JobEvent.Type.SUCCEEDED, null)));
        assertFalse(jobs.apply(event(id, first, 7, JobEvent.Type.SUCCEEDED, null)), "the superseded run's outputs are never published");
        given().auth().oauth2(RealServices.KEY_A).get("/v1/jobs/" + id).then().statusCode(200)
                .body("status", equalTo("SUCCEEDED")).body("outputs.size()", equalTo(1));
    }

    @Test
    @DisplayName("a late STARTED of an older run, after a newer run took over, changes nothing")
    void olderRunNeverTakesBack() throws Exception {
        String id = dispatchedJob();
        JobRun older = run(1, 1, 3, 1);
        JobRun newer = run(1, 1, 3, 2);
        assertTrue(jobs.apply(event(id, newer, 0, JobEvent.Type.STARTED, null)));
        assertFalse(jobs.apply(event(id, older, 0, JobEvent.Type.STARTED, null)));
        assertFalse(jobs.apply(event(id, older, 1, JobEvent.Type.FAILED, new JobEvent.JobError("BAD_INPUT", "zombie", false))));
        assertTrue(jobs.apply(event(id, newer, 1, JobEvent.Type.FAILED, new JobEvent.JobError("BAD_INPUT", "corrupt", false))));
        given().auth().oauth2(RealServices.KEY_A).get("/v1/jobs/" + id).then().statusCode(200)
                .body("status", equalTo("FAILED")).body("error.message", equalTo("corrupt"));
    }

    @Test
    @DisplayName("an event that arrives while the job is still QUEUED is applied, so a fast BAD_INPUT failure ends the job")
    void eventsBeforeDispatchAreApplied() throws Exception {
        String inFlight = dispatchedJob(); // the tenant's one job in flight: the next one stays QUEUED
        String input = upload(RealServices.KEY_A, "song.wav", song(1));
        String queued = given().auth().oauth2(RealServices.KEY_A).contentType(ContentType.JSON).body(masterRequest(input, "spotify"))
                .post("/v1/jobs").then().statusCode(202).extract().path("id");
        Thread.sleep(500);
        given().auth().oauth2(RealServices.KEY_A).get("/v1/jobs/" + queued).then().body("status", equalTo("QUEUED"));
        assertTrue(jobs.apply(event(queued, run(1, 1, 0, 1), 0, JobEvent.Type.FAILED,
                new JobEvent.JobError("BAD_INPUT", "song.wav: not a WAV file", false))));
        given().auth().oauth2(RealServices.KEY_A).get("/v1/jobs/" + queued).then().body("status", equalTo("FAILED"))
                .body("error.code", equalTo("BAD_INPUT"));
        JobRun r = run(1, 1, 0, 1);
        jobs.apply(event(inFlight, r, 0, JobEvent.Type.SUCCEEDED, null));
        awaitStatus(RealServices.KEY_A, inFlight, "SUCCEEDED", Duration.ofSeconds(5));
    }

    @Test
    @DisplayName("a run that falls silent loses its lease: the job is published again as dispatch 2, runs of dispatch 1 are ignored, and a second lost run fails it LOST_WORKER")
    void silentRunsLoseTheirLease() throws Exception {
        String id = dispatchedJob();
        JobRun lost = run(1, 1, 0, 1);
        assertTrue(jobs.apply(event(id, lost, 0, JobEvent.Type.STARTED, null)));
        // no heartbeat follows: after the 2 s lease the reaper re-dispatches
        JobMessage again = awaitPublished(id, 2, Duration.ofSeconds(20));
        assertEquals(1, again.attempt());
        assertEquals(Lane.INTERACTIVE, again.lane());
        given().auth().oauth2(RealServices.KEY_A).get("/v1/jobs/" + id).then().body("status", equalTo("DISPATCHED"));
        assertFalse(jobs.apply(event(id, lost, 1, JobEvent.Type.SUCCEEDED, null)), "the lost run of dispatch 1 is not followed any more");
        JobRun second = run(2, 1, 9, 1);
        assertTrue(jobs.apply(event(id, second, 0, JobEvent.Type.STARTED, null)));
        for (int i = 1; i <= 4; i++) { // heartbeats keep the lease
            Thread.sleep(700);
            assertTrue(jobs.apply(event(id, second, i, JobEvent.Type.HEARTBEAT, null)));
        }
        given().auth().oauth2(RealServices.KEY_A).get("/v1/jobs/" + id).then().body("status", equalTo("RUNNING"));
        long end = System.currentTimeMillis() + 20_000;
        String status = "RUNNING";
        while (System.currentTimeMillis() < end && !"FAILED".equals(status)) {
            Thread.sleep(200);
            status = given().auth().oauth2(RealServices.KEY_A).get("/v1/jobs/" + id).path("status");
        }
        given().auth().oauth2(RealServices.KEY_A).get("/v1/jobs/" + id).then().body("status", equalTo("FAILED"))
                .body("error.code", equalTo("LOST_WORKER"));
    }

    /** Reads the job topic until the job is there with {@code dispatch}. */
    private static JobMessage awaitPublished(String jobId, int dispatch, Duration timeout) {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealServices.services.kafkaBootstrap());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<Integer> seen = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.jobs(JobKind.MASTER, Lane.INTERACTIVE)));
            long end = System.currentTimeMillis() + timeout.toMillis();
            while (System.currentTimeMillis() < end) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    JobMessage m = Json.read(r.value(), JobMessage.class);
                    if (m.jobId().equals(jobId)) {
                        seen.add(m.dispatch());
                        if (m.dispatch() == dispatch) {
                            return m;
                        }
                    }
                }
            }
        }
        throw new AssertionError("job " + jobId + " not published as dispatch " + dispatch + " within " + timeout + "; seen " + seen);
    }
}
