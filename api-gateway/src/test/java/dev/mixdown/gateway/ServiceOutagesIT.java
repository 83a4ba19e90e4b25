package dev.mixdown.gateway;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The broker, the database and the object store go away mid-batch and come back, under the real
 * gateway and a real mix-worker process: every job still ends exactly once, and the gateway says
 * it is not ready while it cannot do its work, then recovers by itself.
 */
@QuarkusTest
@QuarkusTestResource(value = OutageServices.class, restrictToAnnotatedClass = true)
@DisplayName("Service outages mid-batch")
class ServiceOutagesIT {
    private static Process worker;

    @BeforeAll
    static void startWorker() throws Exception {
        worker = WorkerProcesses.start("outage-worker", Map.of());
    }

    @AfterAll
    static void stopWorker() throws InterruptedException {
        worker.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    private static List<String> batch(int jobs) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            ids.add(WorkerProcesses.submitMix(6));
        }
        return ids;
    }

    private static void awaitAnyRunning(List<String> ids) throws InterruptedException {
        long end = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < end) {
            for (String id : ids) {
                if (List.of("RUNNING", "SUCCEEDED").contains(given().auth().oauth2(RealServices.KEY_A).get("/v1/jobs/" + id).<String>path("status"))) {
                    return;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no job of the batch started");
    }

    private static void assertAllSucceededOnce(List<String> ids) throws InterruptedException {
        for (String id : ids) {
            Response done = WorkerProcesses.awaitEnd(id, Duration.ofSeconds(240));
            assertEquals("SUCCEEDED", done.path("status"), done.asString());
            assertEquals(2, done.<List<String>>path("outputs.url").size(), "the master and the mix: " + done.asString());
        }
    }

    private static int readiness() {
        return given().get("/q/health/ready").statusCode();
    }

    /** Polls readiness until it answers {@code status} or the timeout passes; returns what it answered last. */
    private static int awaitReadiness(int status, Duration timeout) throws InterruptedException {
        long end = System.currentTimeMillis() + timeout.toMillis();
        int now = readiness();
        while (now != status && System.currentTimeMillis() < end) {
            Thread.sleep(250);
            now = readiness();
        }
        return now;
    }

    @Test
    @DisplayName("the broker stopped for 20 s mid-batch: readiness goes DOWN, then every job ends SUCCEEDED once the broker is back")
    void brokerOutage() throws Exception {
        List<String> ids = batch(4);
        awaitAnyRunning(ids);
        long stopped = System.currentTimeMillis();
        OutageServices.kafka.close();
        int duringOutage;
        try {
            duringOutage = awaitReadiness(503, Duration.ofSeconds(18));
            Thread.sleep(Math.max(0, 20_000 - (System.currentTimeMillis() - stopped)));
        } finally {
            OutageServices.kafka.start();
        }
        assertEquals(503, duringOutage, "not ready while the broker is away");
        assertAllSucceededOnce(ids);
        assertEquals(200, awaitReadiness(200, Duration.ofSeconds(30)), "ready again");
    }

    @Test
    @DisplayName("PostgreSQL restarted mid-batch: every job ends SUCCEEDED once, and the gateway is ready again")
    void databaseRestart() throws Exception {
        List<String> ids = batch(4);
        awaitAnyRunning(ids);
        OutageServices.db.close();
        try {
            Thread.sleep(5_000);
        } finally {
            OutageServices.db.start();
        }
        assertAllSucceededOnce(ids);
        assertEquals(200, awaitReadiness(200, Duration.ofSeconds(30)), "ready again");
    }

    @Test
    @DisplayName("the object store unreachable for 30 s mid-batch: runs that meet it are retried after a backoff, and every job ends SUCCEEDED once")
    void storeOutage() throws Exception {
        List<String> ids = batch(3);
        awaitAnyRunning(ids);
        OutageServices.s3.close();
        try {
            Thread.sleep(30_000);
        } finally {
            OutageServices.s3.start();
        }
        assertAllSucceededOnce(ids);
        assertTrue(worker.isAlive(), "the worker lived through it");
    }
}
