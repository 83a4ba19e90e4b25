package dev.mixdown.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code submit} against a stand-in gateway: what it prints, with and without --quiet, and its exit codes. */
class SubmitCommandTest {
    @TempDir
    Path dir;

    /** A gateway that takes one upload and one master job, which runs for two polls and then ends as {@code status}. */
    private FakeGateway gateway(String status) throws Exception {
        AtomicReference<String> url = new AtomicReference<>();
        AtomicInteger polls = new AtomicInteger();
        FakeGateway gw = new FakeGateway(r -> {
            if (r.startsWith("POST /v1/uploads")) {
                return new FakeGateway.Answer(200, null, "{\"files\":[{\"key\":\"u/1/song.wav\",\"url\":\"" + url.get() + "/put/song.wav\"}]}");
            }
            if (r.startsWith("PUT /put/")) {
                return new FakeGateway.Answer(200, null, "{}");
            }
            if (r.startsWith("POST /v1/jobs")) {
                return new FakeGateway.Answer(201, null, "{\"id\":\"job-0001-aaaa\",\"status\":\"QUEUED\"}");
            }
            String now = polls.incrementAndGet() < 3 ? "RUNNING" : status;
            return new FakeGateway.Answer(200, null, "{\"id\":\"job-0001-aaaa\",\"status\":\"" + now + "\",\"progress\":50,\"stage\":\"limiter\","
                    + "\"outputs\":[],\"error\":{\"code\":\"BAD_INPUT\",\"message\":\"u/1/song.wav is not audio\"}}");
        });
        url.set(gw.url());
        return gw;
    }

    private Path song() throws Exception {
        Files.writeString(dir.resolve("api-key"), "k\n");
        return Files.write(dir.resolve("song.wav"), new byte[] {1, 2, 3});
    }

    @Test
    @DisplayName("submit --quiet prints only the job id")
    void quietPrintsTheId() throws Exception {
        try (FakeGateway gw = gateway("SUCCEEDED")) {
            CliRun run = CliRun.of("submit", song().toString(), "--quiet", "--gateway", gw.url(), "--data", dir.toString());
            assertEquals(0, run.exit(), run.err());
            assertEquals("job-0001-aaaa", run.out().trim());
        }
    }

    @Test
    @DisplayName("submit --wait --quiet prints the outcome without progress lines; a failed job exits 1 naming the user's file")
    void quietWaitPrintsTheOutcome() throws Exception {
        try (FakeGateway gw = gateway("FAILED")) {
            Path song = song();
            CliRun run = CliRun.of("submit", song.toString(), "--wait", "--quiet", "--out", dir.resolve("out").toString(),
                    "--gateway", gw.url(), "--data", dir.toString());
            assertEquals(1, run.exit(), run.err());
            assertFalse(run.out().contains("RUNNING") || run.out().contains("submitted"), run.out());
            assertTrue(run.out().startsWith("FAILED    song"), run.out());
            assertTrue(run.out().contains(song + " is not audio"), run.out());
        }
    }

    @Test
    @DisplayName("submit --wait without --quiet shows each change of status as it happens")
    void waitShowsProgress() throws Exception {
        try (FakeGateway gw = gateway("SUCCEEDED")) {
            CliRun run = CliRun.of("submit", song().toString(), "--wait", "--out", dir.resolve("out").toString(),
                    "--gateway", gw.url(), "--data", dir.toString());
            assertEquals(0, run.exit(), run.err());
            assertTrue(run.out().contains("submitted song"), run.out());
            assertTrue(run.out().contains("RUNNING"), run.out());
        }
    }

    @Test
    @DisplayName("submit of a path that does not exist is exit 2 naming it")
    void missingPathIsBadInput() throws Exception {
        try (FakeGateway gw = gateway("SUCCEEDED")) {
            song();
            CliRun run = CliRun.of("submit", dir.resolve("nope").toString(), "--gateway", gw.url(), "--data", dir.toString());
            assertEquals(2, run.exit());
            assertTrue(run.err().contains("nope: no such file or folder"), run.err());
        }
    }
}
