package dev.mixdown.gateway.webhooks;

import dev.mixdown.gateway.config.GatewayConfig;
import io.micrometer.core.instrument.MeterRegistry;
import dev.mixdown.gateway.background.BackgroundLoop;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Sends webhook deliveries from the database, in every gateway replica. A loop claims due
 * deliveries (as many as there are free senders, at most {@code per-endpoint-in-flight} per
 * endpoint) and hands each to a bounded pool that posts it, signed, with a request timeout,
 * then records the attempt. A down or slow endpoint thus holds at most its share of senders
 * for at most the timeout, and the others go on.
 */
@ApplicationScoped
public class WebhookDispatcher extends BackgroundLoop {
    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);

    @Inject
    GatewayConfig config;

    @Inject
    WebhookClaims claims;

    @Inject
    WebhookTargets targets;

    @Inject
    MeterRegistry metrics;

    private HttpClient http;
    private ExecutorService senders;
    private Semaphore freeSenders;
    private final Map<UUID, Integer> inFlight = new ConcurrentHashMap<>();
    /** A permit means: deliveries were queued, or a sender came free, since the last round. */
    private final Semaphore wakeups = new Semaphore(0);

    @Override
    protected void beforeStart() {
        GatewayConfig.Webhooks w = config.webhooks();
        http = HttpClient.newBuilder().connectTimeout(w.connectTimeout()).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).build();
        senders = Executors.newFixedThreadPool(w.senders(), r -> {
            Thread t = new Thread(r, "webhook-sender");
            t.setDaemon(true);
            return t;
        });
        freeSenders = new Semaphore(w.senders());
    }

    @Override
    public String name() {
        return "webhook-dispatcher";
    }

    @Override
    protected void afterStop() {
        if (senders != null) {
            // deliveries still in flight are claimed with a lease: another replica (or this one, restarted) sends them
            senders.shutdownNow();
        }
    }

    /** Deliveries were committed: look now rather than at the next poll. */
    void wake(@Observes(during = TransactionPhase.AFTER_SUCCESS) WebhooksQueued queued) {
        wakeups.release();
    }

    /** Claims due deliveries for the free senders (within each endpoint's share) and hands them over. */
    @Override
    protected boolean round() throws InterruptedException {
        GatewayConfig.Webhooks w = config.webhooks();
        int free = freeSenders.availablePermits();
        List<WebhookClaims.Claim> claimed = free == 0 ? List.of() : claims.claim(free, Map.copyOf(inFlight), w.perEndpointInFlight());
        for (WebhookClaims.Claim c : claimed) {
            freeSenders.acquire();
            inFlight.merge(c.endpointId(), 1, Integer::sum);
            senders.execute(() -> send(c));
        }
        return !claimed.isEmpty();
    }

    @Override
    protected void idle() throws InterruptedException {
        wakeups.tryAcquire(config.webhooks().pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        wakeups.drainPermits();
    }

    private void send(WebhookClaims.Claim c) {
        try {
            Instant started = Instant.now();
            long t0 = System.nanoTime();
            Attempt a = post(c);
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            metrics.counter("mixdown.webhook.attempts", "result", a.result()).increment();
            WebhookClaims.Outcome outcome = claims.record(c.deliveryId(), started, ms, a.statusCode(), a.error());
            if (outcome == WebhookClaims.Outcome.SUCCEEDED || outcome == WebhookClaims.Outcome.FAILED) {
                metrics.counter("mixdown.webhook.deliveries", "outcome", outcome.name().toLowerCase(java.util.Locale.ROOT)).increment();
            }
        } catch (RuntimeException e) {
            // the claim's lease runs out and the delivery is sent again
            LOG.warnf("could not record the attempt of webhook delivery %s: %s", c.deliveryId(), e.getMessage());
        } finally {
            inFlight.computeIfPresent(c.endpointId(), (k, n) -> n == 1 ? null : n - 1);
            freeSenders.release();
            wakeups.release();
        }
    }

    /** The outcome of one POST: {@code result} is a low-cardinality metric tag. */
    record Attempt(Integer statusCode, String error, String result) {
    }

    private Attempt post(WebhookClaims.Claim c) {
        Optional<String> refused = targets.refusal(c.url());
        if (refused.isPresent()) {
            return new Attempt(null, "refused: " + refused.get(), "refused");
        }
        Duration timeout = config.webhooks().requestTimeout();
        long timestamp = Instant.now().getEpochSecond();
        String id = c.deliveryId().toString();
        HttpRequest request = HttpRequest.newBuilder(URI.create(c.url())).timeout(timeout)
                .header("content-type", "application/json")
                .header("user-agent", "Mixdown-Webhooks/1")
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", WebhookSignature.sign(c.secret(), id, timestamp, c.payload()))
                .POST(HttpRequest.BodyPublishers.ofString(c.payload())).build();
        CompletableFuture<HttpResponse<Void>> response = http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
        try {
            // the request timeout covers the wait for the answer's head; this bounds a body that trickles in
            int status = response.get(timeout.plus(config.webhooks().connectTimeout()).toMillis() + 1_000, TimeUnit.MILLISECONDS)
                    .statusCode();
            return new Attempt(status, null, status >= 200 && status < 300 ? "success" : "http_error");
        } catch (TimeoutException e) {
            response.cancel(true);
            return new Attempt(null, "timed out after " + timeout.toMillis() + " ms", "timeout");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                return new Attempt(null, "timed out after " + timeout.toMillis() + " ms", "timeout");
            }
            if (cause instanceof ConnectException) {
                return new Attempt(null, "could not connect: " + cause, "network_error");
            }
            return new Attempt(null, String.valueOf(cause), "network_error");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            response.cancel(true);
            return new Attempt(null, "interrupted: the gateway is stopping", "network_error");
        }
    }
}
