package dev.mixdown.gateway.webhooks;

import java.time.Instant;
import java.util.List;

/** Webhook endpoints and deliveries as the API shows them. */
public final class WebhookViews {
    private WebhookViews() {
    }

    /** What a tenant sends to register an endpoint. */
    public record EndpointRequest(String url, List<String> eventTypes, String description) {
    }

    /** An endpoint; {@code secret} is present only in the answer that created or rotated it. */
    public record Endpoint(String id, String url, List<String> eventTypes, String description, Instant createdAt, String secret) {
    }

    /** A delivery and every attempt made to send it, oldest first. */
    public record Delivery(String id, String endpointId, String eventType, String subjectId, String status, Instant createdAt,
            Instant nextAttemptAt, Instant deliveredAt, List<Attempt> attempts) {
    }

    /** One attempt: the status answered, or the error when no answer came. */
    public record Attempt(Instant at, Integer statusCode, String error, long durationMs) {
    }
}
