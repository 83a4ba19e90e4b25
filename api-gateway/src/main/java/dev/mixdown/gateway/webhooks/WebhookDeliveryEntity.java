package dev.mixdown.gateway.webhooks;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One event for one endpoint, sent until it is answered 2xx or its retry period ends. Its id is the webhook-id. */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDeliveryEntity {
    public static final String PENDING = "PENDING";
    public static final String SUCCEEDED = "SUCCEEDED";
    public static final String FAILED = "FAILED";

    @Id
    public UUID id;

    @Column(name = "endpoint_id", nullable = false)
    public UUID endpointId;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "event_type", nullable = false)
    public String eventType;

    @Column(name = "subject_id", nullable = false)
    public UUID subjectId;

    @Column(nullable = false, columnDefinition = "text")
    public String payload;

    @Column(nullable = false)
    public String status;

    @Column(nullable = false)
    public int failures;

    @Column(name = "queued_at", nullable = false)
    public Instant queuedAt;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "delivered_at")
    public Instant deliveredAt;
}
