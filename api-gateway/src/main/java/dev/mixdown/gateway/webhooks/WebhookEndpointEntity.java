package dev.mixdown.gateway.webhooks;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** A tenant's receiver: where deliveries go, which events it wants, and the secret they are signed with. */
@Entity
@Table(name = "webhook_endpoint")
public class WebhookEndpointEntity {
    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(nullable = false)
    public String url;

    public String description;

    /** Wire names, comma-separated. */
    @Column(name = "event_types", nullable = false)
    public String eventTypes;

    @Column(nullable = false)
    public String secret;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public List<String> eventTypeList() {
        return Arrays.asList(eventTypes.split(","));
    }

    public boolean wants(EventType type) {
        return eventTypeList().contains(type.wireName());
    }
}
