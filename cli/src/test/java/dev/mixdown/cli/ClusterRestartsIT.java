package dev.mixdown.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local cluster losing its gateway and its worker to {@code kill -9} in the middle of a batch,
 * as an operator's machine would: {@code ./mixdown up} brings back what died, the submitter's
 * {@code --wait} rides it out, and every job ends once.
 */
@DisplayName("The local cluster with its gateway and worker killed mid-batch")
class ClusterRestartsIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;
    Path data;

    @AfterEach
    void stop() {
        if (data != null) {
            CliRun.of("down", "--data", data.toString());
        }
    }

    @Test
    @DisplayName("kill -9 of the gateway, then of the worker, mid-batch: up restarts each, submit --wait returns, and all four jobs end SUCCEEDED once")
    void gatewayAndWorkerKilled() throws Exception {
        data = work.resolve("data");
        LocalClusterIT.ports(data);
        List<String> songs = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            Path song = work.resolve("song-" + i + ".wav");
            LocalClusterIT.song(song);
            songs.add(song.toString());
        }
        CliRun up = CliRun.of("up", "--data", data.toString(), "--mix-workers", "0", "--master-workers", "1");
        assertEquals(0, up.exit(), up.err() + up.out());

        List<String> submit = new ArrayList<>(List.of("submit"));
        submit.addAll(songs);
        submit.addAll(List.of("--master", "spotify", "--wait", "--json", "--out", work.resolve("out").toString(), "--data", data.toString()));
        ExecutorService submitter = Executors.newSingleThreadExecutor();
        try {
            Future<CliRun> waiting = submitter.submit(() -> CliRun.of(submit.toArray(String[]::new)));
            awaitJobs(4);

            for (String role : List.of("gateway", "master-worker-1")) {
                long killed = kill(role);
                CliRun heal = CliRun.of("up", "--data", data.toString());
                assertEquals(0, heal.exit(), heal.err() + heal.out());
                long now = pid(role);
                assertTrue(now != killed && ProcessHandle.of(now).map(ProcessHandle::isAlive).orElse(false),
                        role + " is back under a new process");
            }

            CliRun done = waiting.get(6, TimeUnit.MINUTES);
            assertEquals(0, done.exit(), done.err() + done.out());
            JsonNode results = JSON.readTree(done.out());
            assertEquals(4, results.size(), done.out());
            for (JsonNode r : results) {
                assertEquals("SUCCEEDED", r.get("status").asText(), r.toString());
                assertEquals(1, r.get("outputs").size(), r.toString());
            }
            JsonNode jobs = jobs();
            assertEquals(4, jobs.size(), "no job was created twice: " + jobs);
            for (JsonNode j : jobs) {
                assertEquals("SUCCEEDED", j.get("status").asText(), j.toString());
            }
        } finally {
            submitter.shutdownNow();
        }
    }

    /** The process of a member of the cluster, as the cluster records it. */
    private long pid(String role) throws Exception {
        for (JsonNode member : JSON.readTree(data.resolve("processes.json").toFile())) {
            if (member.get("role").asText().equals(role)) {
                return member.get("pid").asLong();
            }
        }
        throw new AssertionError("no " + role + " in " + Files.readString(data.resolve("processes.json")));
    }

    /** Sends SIGKILL to a member and waits for it to die; returns its pid. */
    private long kill(String role) throws Exception {
        long pid = pid(role);
        ProcessHandle handle = ProcessHandle.of(pid).orElseThrow();
        handle.destroyForcibly();
        handle.onExit().get(30, TimeUnit.SECONDS);
        return pid;
    }

    /** Waits until the gateway holds {@code count} jobs, at least one of them started. */
    private void awaitJobs(int count) throws Exception {
        long end = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < end) {
            try {
                JsonNode jobs = jobs();
                boolean started = false;
                for (JsonNode j : jobs) {
                    started |= !List.of("QUEUED", "DISPATCHED").contains(j.get("status").asText());
                }
                if (jobs.size() == count && started) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // the gateway is not answering yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the batch did not start within 2 minutes");
    }

    private JsonNode jobs() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(LocalCluster.gatewayUrl(data) + "/v1/jobs?limit=100"))
                .header("Authorization", "Bearer " + Files.readString(data.resolve("api-key")).trim()).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }
}
