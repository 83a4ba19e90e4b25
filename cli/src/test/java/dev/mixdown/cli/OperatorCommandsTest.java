package dev.mixdown.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's side of issue 15: waiting out rate limits, the tenant commands, and saying which key a 401 refused. */
class OperatorCommandsTest {
    @TempDir
    Path data;

    @Test
    @DisplayName("a 429 is waited out for its Retry-After and the same request sent again")
    void waitsOutRateLimits() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        try (FakeGateway gw = new FakeGateway(r -> calls.incrementAndGet() < 3
                ? new FakeGateway.Answer(429, "1", "{\"code\":\"RATE_LIMITED\",\"message\":\"slow down\"}")
                : new FakeGateway.Answer(200, null, "{\"id\":\"j1\",\"status\":\"QUEUED\"}"))) {
            var job = new ClusterClient(gw.url(), "k").job("j1");
            assertEquals("QUEUED", job.path("status").asText());
            assertEquals(3, gw.seen.size());
            long waited = gw.seen.get(2).atMillis() - gw.seen.get(0).atMillis();
            assertTrue(waited >= 1900, "two Retry-After: 1 waits, took " + waited + " ms");
        }
    }

    @Test
    @DisplayName("tenant key-create sends the operator key and prints the new key once, with how to keep it")
    void keyCreate() throws Exception {
        Files.writeString(data.resolve("admin-key"), "op-key\n");
        try (FakeGateway gw = new FakeGateway(r -> new FakeGateway.Answer(201, null,
                "{\"id\":\"abc123\",\"tenant\":\"acme\",\"label\":\"ci\",\"key\":\"mxd_secret\"}"))) {
            CliRun run = CliRun.of("tenant", "key-create", "acme", "--label", "ci", "--gateway", gw.url(), "--data", data.toString());
            assertEquals(0, run.exit(), run.err());
            assertTrue(run.out().startsWith("mxd_secret"), run.out());
            assertTrue(run.out().contains("only time the key is shown"), run.out());
            assertEquals("POST /admin/tenants/acme/keys", gw.seen.get(0).request());
            assertEquals("Bearer op-key", gw.seen.get(0).authorization());
            assertTrue(gw.seen.get(0).body().contains("\"label\":\"ci\""), gw.seen.get(0).body());
        }
    }

    @Test
    @DisplayName("tenant key-revoke --grace sends the grace period in seconds")
    void keyRevokeWithGrace() throws Exception {
        Files.writeString(data.resolve("admin-key"), "op-key\n");
        try (FakeGateway gw = new FakeGateway(r -> new FakeGateway.Answer(200, null,
                "{\"id\":\"abc123\",\"tenant\":\"acme\",\"revokedAt\":\"2026-12-02T14:00:00Z\"}"))) {
            CliRun run = CliRun.of("tenant", "key-revoke", "acme", "abc123", "--grace", "PT1H", "--gateway", gw.url(), "--data", data.toString());
            assertEquals(0, run.exit(), run.err());
            assertEquals("DELETE /admin/tenants/acme/keys/abc123?graceSeconds=3600", gw.seen.get(0).request());
        }
    }

    @Test
    @DisplayName("a refusal of the operator API is exit 2 with the gateway's code and message")
    void refusal() throws Exception {
        Files.writeString(data.resolve("admin-key"), "wrong\n");
        try (FakeGateway gw = new FakeGateway(r -> new FakeGateway.Answer(401, null,
                "{\"code\":\"UNAUTHORIZED\",\"message\":\"the operator API takes the operator's key\"}"))) {
            CliRun run = CliRun.of("tenant", "list", "--gateway", gw.url(), "--data", data.toString());
            assertEquals(2, run.exit());
            assertTrue(run.err().contains("UNAUTHORIZED: the operator API takes the operator's key (the operator key came from"), run.err());
        }
    }

    @Test
    @DisplayName("a gateway that cannot be reached is exit 1 (worth trying again), not 2 (bad input)")
    void unreachableGateway() throws Exception {
        Files.writeString(data.resolve("admin-key"), "op-key\n");
        CliRun run = CliRun.of("tenant", "list", "--gateway", "http://127.0.0.1:1", "--data", data.toString());
        assertEquals(1, run.exit(), run.err());
        assertTrue(run.err().contains("cannot reach the gateway"), run.err());
    }
}
