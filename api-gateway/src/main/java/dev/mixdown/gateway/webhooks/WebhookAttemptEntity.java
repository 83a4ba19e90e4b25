package dev.mixdown.gateway.webhooks;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One try at sending a delivery: what the receiver answered (or why nothing came back) and how long it took. */
@Entity
@Table(name = "webhook_attempt")
public class WebhookAttemptEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "delivery_id", nullable = false)
    public UUID deliveryId;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "duration_ms", nullable = false)
    public long durationMs;

    @Column(name = "status_code")
    public Integer statusCode;

    public String error;
}
