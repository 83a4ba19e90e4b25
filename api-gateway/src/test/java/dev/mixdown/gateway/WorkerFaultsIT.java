package dev.mixdown.gateway;

import static dev.mixdown.gateway.ApiCalls.upload;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixdown.jobs.contracts.JobEvent;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
    private final List<Process> workers = new ArrayList<>();

    @AfterEach
    void stopWorkers() throws InterruptedException {
        for (Process p : workers) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        workers.clear();
    }

    private Process worker(String id, Map<String, String> extra) throws IOException {
        Process p = WorkerProcesses.start(id, extra);
        workers.add(p);
        return p;
    }

    private static long succeededBy(List<JobEvent> events, String workerPrefix) {
        return events.stream().filter(e -> e.type() == JobEvent.Type.SUCCEEDED && e.workerId().startsWith(workerPrefix)).count();
    }

    @ParameterizedTest(name = "killed at {0}")
    @ValueSource(strings = {"download", "mix", "upload"})
    @DisplayName("a worker killed during download, render or upload: the next worker's run finishes the job, once, with its own outputs")
    void killedMidRun(String point) throws Exception {
        String id = WorkerProcesses.submitMix(8);
        Process first = worker("first-" + point, Map.of("MIXDOWN_FAULT_HALT_AT", point));
        assertTrue(first.waitFor(120, TimeUnit.SECONDS), "the first worker reached '" + point + "' and halted");
        assertEquals(137, first.exitValue(), "halted at the fault point");
        worker("second-" + point, Map.of());
        Response done = WorkerProcesses.awaitEnd(id, Duration.ofSeconds(180));
        assertEquals("SUCCEEDED", done.path("status"), done.asString());
        List<JobEvent> events = WorkerProcesses.events(id, seen -> succeededBy(seen, "second") > 0, Duration.ofSeconds(20));
        assertEquals(0, succeededBy(events, "first"), "the killed worker never finished");
        JobEvent success = events.stream().filter(e -> e.type() == JobEvent.Type.SUCCEEDED).findFirst().orElseThrow();
        assertEquals(2, success.run().start(), "the second run of the same record: " + success.run());
        List<String> urls = done.path("outputs.url");
        assertEquals(2, urls.size(), "the master and the kept mix: " + done.asString());
        assertTrue(urls.stream().allMatch(u -> u.contains("/runs/" + success.run().id() + "/")), "published outputs are the finishing run's: " + urls);
    }

    @Test
    @DisplayName("a worker killed after its final event but before its offset commit: the job ends once, and the repeated run publishes nothing")
    void killedAfterFinalEvent() throws Exception {
        String id = WorkerProcesses.submitMix(8);
        Process first = worker("first-final", Map.of("MIXDOWN_FAULT_HALT_AT", "after-final-event"));
        Response done = WorkerProcesses.awaitEnd(id, Duration.ofSeconds(180));
        assertEquals("SUCCEEDED", done.path("status"), done.asString());
        assertTrue(first.waitFor(60, TimeUnit.SECONDS));
        assertEquals(137, first.exitValue());
        List<String> published = done.path("outputs.url");

        // the record was not committed: the next worker runs it again, and the gateway ignores that run
        worker("second-final", Map.of());
        List<JobEvent> events = WorkerProcesses.events(id, seen -> succeededBy(seen, "second") > 0, Duration.ofSeconds(120));
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
        String id = WorkerProcesses.submitMix(40);
        Process first = worker("first-term", Map.of("MIXDOWN_DRAIN_TIMEOUT_SECONDS", "0"));
        List<JobEvent> started = WorkerProcesses.events(id, seen -> seen.stream().anyMatch(e -> e.type() == JobEvent.Type.STARTED), Duration.ofSeconds(120));
        assertTrue(started.stream().anyMatch(e -> e.type() == JobEvent.Type.STARTED), "the first worker started the job");
        first.destroy(); // SIGTERM
        assertTrue(first.waitFor(30, TimeUnit.SECONDS), "the worker drained and exited");
        worker("second-term", Map.of());
        Response done = WorkerProcesses.awaitEnd(id, Duration.ofSeconds(180));
        assertEquals("SUCCEEDED", done.path("status"), done.asString());
        List<JobEvent> events = WorkerProcesses.events(id, seen -> succeededBy(seen, "second") > 0, Duration.ofSeconds(20));
        JobEvent success = events.stream().filter(e -> e.type() == JobEvent.Type.SUCCEEDED).findFirst().orElseThrow();
        assertTrue(success.workerId().startsWith("second"), success.workerId());
        assertEquals(1, success.run().start(), "a run handed back at drain does not count as a start: " + success.run());
    }
}
