package dev.mixdown.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixdown.jobs.contracts.JobEvent;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A package whose worker dies mid-part, on the real services with real mix-worker processes. */
@QuarkusTest
@QuarkusTestResource(value = RealServices.class, restrictToAnnotatedClass = true)
@DisplayName("Package parts on workers that die")
class PackageFaultsIT {
    private final List<Process> workers = new ArrayList<>();

    @Inject
    AgroalDataSource db;

    @AfterEach
    void stopWorkers() throws InterruptedException {
        for (Process p : workers) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    @DisplayName("a worker killed while rendering a version: that part alone runs again on another worker, and the package completes once")
    void partKilledMidRender() throws Exception {
        String id = PackageCalls.submit(PackageCalls.packageRequest(PackageCalls.stems(8), Map.of("versions",
                List.of("main", "instrumental"), "lengths", List.of("full"), "formats", List.of("wav:48000:24"))), null);
        Process first = WorkerProcesses.start("first", Map.of("MIXDOWN_FAULT_HALT_AT", "render"));
        workers.add(first);
        assertTrue(first.waitFor(180, TimeUnit.SECONDS), "the first worker planned the package, began a version and halted");
        assertEquals(137, first.exitValue(), "halted at the fault point");
        workers.add(WorkerProcesses.start("second", Map.of()));

        Response done = WorkerProcesses.awaitEnd(id, Duration.ofMinutes(4));
        assertEquals("SUCCEEDED", done.path("status"), done.asString());
        assertEquals(4, PackageCalls.outboxRows(db, id), "each part published once");

        Map<String, Integer> starts = new HashMap<>();
        Map<String, String> finishedBy = new HashMap<>();
        Map<String, String> byName = PackageCalls.partNames(db, id);
        for (Map.Entry<String, String> part : byName.entrySet()) {
            List<JobEvent> events = WorkerProcesses.events(part.getKey(), seen -> seen.stream().anyMatch(e -> e.type().terminal()),
                    Duration.ofSeconds(20));
            List<JobEvent> succeeded = events.stream().filter(e -> e.type() == JobEvent.Type.SUCCEEDED).toList();
            assertEquals(1, succeeded.size(), part.getValue() + " succeeded once: " + events);
            starts.put(part.getValue(), succeeded.get(0).run().start());
            finishedBy.put(part.getValue(), succeeded.get(0).workerId().replaceAll("-\\d+$", ""));
        }
        assertEquals("first", finishedBy.get("plan"), "the plan ran once, before the crash: " + finishedBy);
        assertEquals(1, starts.get("plan"), "and was not run again: " + starts);
        long rerun = starts.entrySet().stream().filter(e -> e.getKey().startsWith("version:") && e.getValue() == 2).count();
        long once = starts.entrySet().stream().filter(e -> e.getKey().startsWith("version:") && e.getValue() == 1).count();
        assertEquals(1, rerun, "the killed version's record was started a second time: " + starts);
        assertEquals(1, once, "the other version ran once: " + starts);
        assertEquals("second", finishedBy.get("assemble"), finishedBy.toString());
    }
}
