package dev.mixdown.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.mixdown.gateway.jobs.JobStatus;
import dev.mixdown.gateway.tenants.TenantBootstrap;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Webhooks on the real services: receivers are local HTTP servers reached as "localhost", which
 * this profile's operator allow-list names (and nothing else inward), with a retry schedule in
 * milliseconds so that a run takes seconds.
 */
@QuarkusTest
@TestProfile(WebhooksIT.Profile.class)
@QuarkusTestResource(value = RealServices.class, restrictToAnnotatedClass = true)
@DisplayName("Webhooks on the real services")
class WebhooksIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final long REQUEST_TIMEOUT_MS = 3_000;

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "mixdown.webhooks.allowed-targets", "localhost",
                    "mixdown.webhooks.retry-schedule", "200ms,200ms,300ms,300ms,400ms",
                    "mixdown.webhooks.retry-for", "2m",
                    "mixdown.webhooks.request-timeout", REQUEST_TIMEOUT_MS + "ms",
                    "mixdown.webhooks.connect-timeout", "1s",
                    "mixdown.webhooks.poll-interval", "100ms",
                    "mixdown.webhooks.per-endpoint-in-flight", "2",
                    "mixdown.webhooks.senders", "8");
        }
    }

    @Inject
    TenantBootstrap tenants;

    @Inject
    WebhookTestJobs jobs;

    @Inject
    io.micrometer.core.instrument.MeterRegistry metrics;

    /** Each test has its own tenant, so no test's events reach another's endpoints. */
    String tenant;
    String key;
    final List<Receiver> receivers = new ArrayList<>();

    @BeforeEach
    void ownTenant() {
        tenant = "wh-" + UUID.randomUUID().toString().substring(0, 8);
        key = "key-" + tenant;
        tenants.addKey(tenant, "Webhook test tenant", key);
    }

    @AfterEach
    void stopReceivers() {
        receivers.forEach(Receiver::close);
    }

    /** A request as the receiver got it. */
    record Received(String id, String timestamp, String signature, String body, int answered) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError(body, e);
            }
        }
    }

    /** A local receiver; {@code answer} maps the request number (1, 2, ...) to a status, or to -1 for never answering. */
    final class Receiver implements AutoCloseable {
        final HttpServer server;
        final List<Received> got = new ArrayList<>();
        final CountDownLatch release = new CountDownLatch(1);

        Receiver(IntUnaryOperator answer) throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("localhost"), 0), 0);
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/hook", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                int status;
                synchronized (got) {
                    status = answer.applyAsInt(got.size() + 1);
                    got.add(new Received(exchange.getRequestHeaders().getFirst("webhook-id"),
                            exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                            exchange.getRequestHeaders().getFirst("webhook-signature"), body, status));
                }
                if (status < 0) {
                    try {
                        release.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    status = 200;
                }
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
            receivers.add(this);
        }

        String url() {
            return "http://localhost:" + server.getAddress().getPort() + "/hook";
        }

        List<Received> got() {
            synchronized (got) {
                return List.copyOf(got);
            }
        }

        List<Received> await(int n, Duration timeout) throws InterruptedException {
            long end = System.nanoTime() + timeout.toNanos();
            while (got().size() < n) {
                if (System.nanoTime() > end) {
                    throw new AssertionError("expected " + n + " requests within " + timeout + ", got " + got());
                }
                Thread.sleep(20);
            }
            return got();
        }

        @Override
        public void close() {
            release.countDown();
            server.stop(0);
        }
    }

    /** Recomputes the signature per the Standard Webhooks spec, independently of the gateway's signer. */
    static boolean verifies(String secret, Received r) throws Exception {
        assertTrue(secret.startsWith("whsec_"), secret);
        long age = Math.abs(Instant.now().getEpochSecond() - Long.parseLong(r.timestamp()));
        assertTrue(age < 300, "webhook-timestamp is the time of sending: " + r.timestamp());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        byte[] expected = Base64.getEncoder().encode(mac.doFinal((r.id() + "." + r.timestamp() + "." + r.body())
                .getBytes(StandardCharsets.UTF_8)));
        for (String candidate : r.signature().split(" ")) {
            if (candidate.startsWith("v1,")
                    && MessageDigest.isEqual(expected, candidate.substring(3).getBytes(StandardCharsets.UTF_8))) {
                return true;
            }
        }
        return false;
    }

    private JsonPath register(String url, String... eventTypes) {
        return given().auth().oauth2(key).contentType(ContentType.JSON).body(Map.of("url", url, "eventTypes", List.of(eventTypes)))
                .post("/v1/webhooks").then().statusCode(201).extract().jsonPath();
    }

    private JsonPath deliveries(String endpointId) {
        return given().auth().oauth2(key).get("/v1/webhooks/" + endpointId + "/deliveries").then().statusCode(200).extract().jsonPath();
    }

    @Test
    @DisplayName("an endpoint that fails 5 times then answers gets exactly one successful delivery, every attempt with the same webhook-id and a valid signature, each attempt listed")
    void retriesUntilDelivered() throws Exception {
        double deliveredBefore = metrics.counter("mixdown.webhook.deliveries", "outcome", "succeeded").count();
        double httpErrorsBefore = metrics.counter("mixdown.webhook.attempts", "result", "http_error").count();
        Receiver flaky = new Receiver(n -> n <= 5 ? 500 : 200);
        JsonPath endpoint = register(flaky.url(), "job.succeeded");
        String secret = endpoint.getString("secret");
        UUID job = jobs.insert(tenant, JobStatus.DISPATCHED, null);
        jobs.succeed(tenant, job);

        flaky.await(6, Duration.ofSeconds(30));
        Thread.sleep(1_000); // nothing more comes once it is delivered
        List<Received> got = flaky.got();
        assertEquals(6, got.size(), got.toString());
        assertEquals(1, got.stream().filter(r -> r.answered() == 200).count());
        assertEquals(1, got.stream().map(Received::id).distinct().count(), "one webhook-id across retries");
        for (Received r : got) {
            assertTrue(verifies(secret, r), "signature of " + r);
        }
        JsonNode payload = got.get(5).json();
        assertEquals("job.succeeded", payload.get("type").asText());
        assertTrue(Instant.parse(payload.get("timestamp").asText()).isBefore(Instant.now()));
        assertEquals(job.toString(), payload.at("/data/id").asText());
        assertEquals("SUCCEEDED", payload.at("/data/status").asText());
        assertEquals("out.wav", payload.at("/data/outputs/0/name").asText());
        assertEquals("/v1/jobs/" + job, payload.at("/data/href").asText());
        assertFalse(got.get(5).body().contains("X-Amz"), "no presigned URLs in a webhook");

        JsonPath listed = deliveries(endpoint.getString("id"));
        assertEquals(1, listed.getList("$").size());
        assertEquals(got.get(0).id(), listed.getString("[0].id"), "the delivery's id is the webhook-id");
        assertEquals("SUCCEEDED", listed.getString("[0].status"));
        assertEquals("job.succeeded", listed.getString("[0].eventType"));
        assertEquals(List.of(500, 500, 500, 500, 500, 200), listed.getList("[0].attempts.statusCode"));
        assertTrue(listed.getList("[0].attempts.durationMs", Integer.class).stream().allMatch(ms -> ms >= 0));
        assertEquals(5, metrics.counter("mixdown.webhook.attempts", "result", "http_error").count() - httpErrorsBefore, 0.0);
        assertEquals(1, metrics.counter("mixdown.webhook.deliveries", "outcome", "succeeded").count() - deliveredBefore, 0.0);
    }

    @Test
    @DisplayName("an endpoint that never answers times out, and does not delay another endpoint's deliveries")
    void hangingEndpointDelaysNothingElse() throws Exception {
        Receiver hanging = new Receiver(n -> -1);
        Receiver fast = new Receiver(n -> 200);
        JsonPath slowEndpoint = register(hanging.url(), "job.succeeded");
        register(fast.url(), "job.succeeded");
        List<UUID> ended = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ended.add(jobs.insert(tenant, JobStatus.DISPATCHED, null));
        }
        long t0 = System.nanoTime();
        for (UUID job : ended) {
            jobs.succeed(tenant, job);
        }
        List<Received> fastGot = fast.await(4, Duration.ofSeconds(20));
        long fastMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertTrue(fastMs < REQUEST_TIMEOUT_MS, "the fast endpoint had all 4 after " + fastMs + " ms, before the hanging one timed out");
        assertTrue(hanging.got().size() <= 2, "the hanging endpoint holds per-endpoint-in-flight (2) senders, no more: " + hanging.got());
        assertEquals(Set.of(ended.stream().map(UUID::toString).toArray()),
                Set.copyOf(fastGot.stream().map(r -> r.json().at("/data/id").asText()).toList()));

        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<Map<String, Object>> timedOut = List.of();
        while (timedOut.isEmpty() && System.nanoTime() < end) {
            Thread.sleep(200);
            timedOut = deliveries(slowEndpoint.getString("id")).<Map<String, Object>>getList("attempts.flatten()").stream()
                    .filter(a -> String.valueOf(a.get("error")).contains("timed out")).toList();
        }
        assertFalse(timedOut.isEmpty(), "the hanging endpoint's attempts end as timeouts");
        Map<String, Object> attempt = timedOut.get(0);
        assertNull(attempt.get("statusCode"));
        long ms = ((Number) attempt.get("durationMs")).longValue();
        assertTrue(ms >= REQUEST_TIMEOUT_MS - 100 && ms < REQUEST_TIMEOUT_MS + 3_000, "timed out after " + ms + " ms");
    }

    @Test
    @DisplayName("a replay sends the delivery again with the same webhook-id, signed with the endpoint's current secret")
    void replay() throws Exception {
        Receiver receiver = new Receiver(n -> 200);
        JsonPath endpoint = register(receiver.url(), "job.succeeded");
        UUID job = jobs.insert(tenant, JobStatus.DISPATCHED, null);
        jobs.succeed(tenant, job);
        Received first = receiver.await(1, Duration.ofSeconds(20)).get(0);
        String deliveryId = deliveries(endpoint.getString("id")).getString("[0].id");

        String rotated = given().auth().oauth2(key).post("/v1/webhooks/" + endpoint.getString("id") + "/rotate-secret")
                .then().statusCode(200).extract().path("secret");
        assertNotEquals(endpoint.getString("secret"), rotated);
        given().auth().oauth2(key).post("/v1/webhooks/deliveries/" + deliveryId + "/replay").then().statusCode(202)
                .body("id", equalTo(deliveryId)).body("status", equalTo("PENDING"));
        Received again = receiver.await(2, Duration.ofSeconds(20)).get(1);
        assertEquals(first.id(), again.id());
        assertEquals(first.body(), again.body(), "the same event, not a new one");
        assertTrue(verifies(rotated, again));
        assertFalse(verifies(endpoint.getString("secret"), again), "the old secret signs nothing more");
        Thread.sleep(300);
        JsonPath listed = deliveries(endpoint.getString("id"));
        assertEquals("SUCCEEDED", listed.getString("[0].status"));
        assertEquals(List.of(200, 200), listed.getList("[0].attempts.statusCode"));

        given().auth().oauth2(RealServices.KEY_A).post("/v1/webhooks/deliveries/" + deliveryId + "/replay").then().statusCode(404)
                .body("code", equalTo("NOT_FOUND"));
    }

    @Test
    @DisplayName("a failed job and a cancelled job produce job.failed and job.cancelled; an event type not subscribed is not sent")
    void failedAndCancelled() throws Exception {
        Receiver receiver = new Receiver(n -> 204);
        JsonPath endpoint = register(receiver.url(), "job.failed", "job.cancelled");
        assertEquals(List.of("job.failed", "job.cancelled"), endpoint.getList("eventTypes"));
        UUID failing = jobs.insert(tenant, JobStatus.DISPATCHED, null);
        UUID queued = jobs.insert(tenant, JobStatus.QUEUED, null);
        UUID succeeding = jobs.insert(tenant, JobStatus.DISPATCHED, null);
        jobs.succeed(tenant, succeeding);
        jobs.fail(tenant, failing);
        // the jobs resource consumes JSON on every method, so even a bodiless POST names it
        given().auth().oauth2(key).contentType(ContentType.JSON).post("/v1/jobs/" + queued + "/cancel").then().statusCode(200).body("status", equalTo("CANCELLED"));

        receiver.await(2, Duration.ofSeconds(20));
        Thread.sleep(800);
        List<JsonNode> got = receiver.got().stream().map(Received::json).toList();
        assertEquals(2, got.size(), got.toString());
        JsonNode failed = got.stream().filter(j -> j.get("type").asText().equals("job.failed")).findFirst().orElseThrow();
        assertEquals(failing.toString(), failed.at("/data/id").asText());
        assertEquals("FAILED", failed.at("/data/status").asText());
        assertEquals("BAD_INPUT", failed.at("/data/error/code").asText());
        JsonNode cancelled = got.stream().filter(j -> j.get("type").asText().equals("job.cancelled")).findFirst().orElseThrow();
        assertEquals(queued.toString(), cancelled.at("/data/id").asText());
        assertEquals("CANCELLED", cancelled.at("/data/status").asText());
    }

    @Test
    @DisplayName("batch.completed is sent once per batch, when its last job ends, even when the last two end at the same moment")
    void batchCompletedOnce() throws Exception {
        Receiver receiver = new Receiver(n -> 200);
        register(receiver.url(), "batch.completed");
        int batches = 6;
        List<UUID> batchIds = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int b = 0; b < batches; b++) {
                UUID batch = UUID.randomUUID();
                batchIds.add(batch);
                UUID j1 = jobs.insert(tenant, JobStatus.DISPATCHED, batch);
                UUID j2 = jobs.insert(tenant, JobStatus.DISPATCHED, batch);
                UUID j3 = jobs.insert(tenant, JobStatus.DISPATCHED, batch);
                jobs.succeed(tenant, j1);
                CountDownLatch go = new CountDownLatch(1);
                Future<?> a = pool.submit(() -> {
                    go.await();
                    jobs.succeed(tenant, j2);
                    return null;
                });
                Future<?> c = pool.submit(() -> {
                    go.await();
                    jobs.fail(tenant, j3);
                    return null;
                });
                go.countDown();
                a.get(30, TimeUnit.SECONDS);
                c.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        receiver.await(batches, Duration.ofSeconds(30));
        Thread.sleep(1_000);
        List<JsonNode> got = receiver.got().stream().map(Received::json).toList();
        assertEquals(batches, got.size(), "one batch.completed per batch: " + got);
        Set<String> announced = new HashSet<>();
        for (JsonNode j : got) {
            assertEquals("batch.completed", j.get("type").asText());
            assertEquals(3, j.at("/data/jobs").asInt());
            assertEquals(2, j.at("/data/succeeded").asInt());
            assertEquals(1, j.at("/data/failed").asInt());
            announced.add(j.at("/data/id").asText());
        }
        assertEquals(Set.copyOf(batchIds.stream().map(UUID::toString).toList()), announced);
    }

    @Test
    @DisplayName("URLs at loopback, link-local metadata, private addresses or the cluster's own services are refused with WEBHOOK_URL_REFUSED")
    void refusesInwardTargets() {
        String kafka = RealServices.services.kafkaBootstrap().split(",")[0];
        for (String url : List.of("http://127.0.0.1:8080/hook", "http://169.254.169.254/latest/meta-data/", "http://[::1]/hook",
                "http://10.0.0.1/hook", "http://192.168.1.10/hook", "http://" + kafka + "/", "ftp://example.com/hook")) {
            given().auth().oauth2(key).contentType(ContentType.JSON).body(Map.of("url", url, "eventTypes", List.of("job.succeeded")))
                    .post("/v1/webhooks").then().statusCode(400).body("code", equalTo("WEBHOOK_URL_REFUSED"));
        }
        given().auth().oauth2(key).contentType(ContentType.JSON)
                .body(Map.of("url", "http://localhost:9/hook", "eventTypes", List.of("job.finished")))
                .post("/v1/webhooks").then().statusCode(400).body("code", equalTo("UNKNOWN_EVENT_TYPE"));
        given().auth().oauth2(key).get("/v1/webhooks").then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    @DisplayName("an endpoint shows its secret only when created, is the tenant's alone, and is gone once deleted")
    void endpointLifecycle() {
        io.restassured.response.Response created = given().auth().oauth2(key).contentType(ContentType.JSON)
                .body(Map.of("url", "http://localhost:9/hook", "eventTypes", List.of("job.succeeded", "batch.completed"),
                        "description", "catalog sync"))
                .post("/v1/webhooks").then().statusCode(201).extract().response();
        String id = created.path("id");
        assertTrue(created.header("Location").endsWith("/v1/webhooks/" + id), created.header("Location"));
        String secret = created.path("secret");
        assertTrue(secret.startsWith("whsec_") && Base64.getDecoder().decode(secret.substring(6)).length >= 24, secret);
        given().auth().oauth2(key).get("/v1/webhooks/" + id).then().statusCode(200).body("secret", nullValue())
                .body("description", equalTo("catalog sync")).body("eventTypes", equalTo(List.of("job.succeeded", "batch.completed")));
        given().auth().oauth2(key).get("/v1/webhooks").then().statusCode(200).body("[0].id", equalTo(id)).body("[0].secret", nullValue());
        given().auth().oauth2(RealServices.KEY_A).get("/v1/webhooks/" + id).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        given().auth().oauth2(RealServices.KEY_A).delete("/v1/webhooks/" + id).then().statusCode(404);
        given().auth().oauth2(key).delete("/v1/webhooks/" + id).then().statusCode(204);
        given().auth().oauth2(key).get("/v1/webhooks/" + id).then().statusCode(404);
    }
}
