package dev.mixdown.gateway.webhooks;

import dev.mixdown.gateway.errors.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** What a tenant sees of deliveries (each with its attempts) and the replay of one. */
@ApplicationScoped
public class WebhookDeliveries {
    @Inject
    EntityManager em;

    @Inject
    WebhookEndpoints endpoints;

    @Inject
    Event<WebhooksQueued> queued;

    /** The endpoint's deliveries, newest first, each with its attempts oldest first. */
    public List<WebhookViews.Delivery> list(String tenantId, UUID endpointId, int limit) {
        endpoints.find(tenantId, endpointId);
        List<WebhookDeliveryEntity> deliveries = em.createQuery(
                "from WebhookDeliveryEntity where endpointId = :e order by createdAt desc", WebhookDeliveryEntity.class)
                .setParameter("e", endpointId).setMaxResults(Math.min(Math.max(limit, 1), 500)).getResultList();
        if (deliveries.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<WebhookAttemptEntity>> attempts = em.createQuery(
                "from WebhookAttemptEntity where deliveryId in :ids order by id", WebhookAttemptEntity.class)
                .setParameter("ids", deliveries.stream().map(d -> d.id).toList()).getResultStream()
                .collect(Collectors.groupingBy(a -> a.deliveryId));
        return deliveries.stream().map(d -> view(d, attempts.getOrDefault(d.id, List.of()))).toList();
    }

    /**
     * Sends the delivery again, with the same webhook-id (receivers that already have it may
     * ignore it) and the same payload, with a fresh retry period.
     */
    @Transactional
    public WebhookViews.Delivery replay(String tenantId, UUID deliveryId) {
        WebhookDeliveryEntity d = em.find(WebhookDeliveryEntity.class, deliveryId, LockModeType.PESSIMISTIC_WRITE);
        if (d == null || !d.tenantId.equals(tenantId)) {
            throw ApiException.notFound("delivery " + deliveryId);
        }
        Instant now = Instant.now();
        d.status = WebhookDeliveryEntity.PENDING;
        d.failures = 0;
        d.queuedAt = now;
        d.nextAttemptAt = now;
        queued.fire(new WebhooksQueued());
        return view(d, em.createQuery("from WebhookAttemptEntity where deliveryId = :d order by id", WebhookAttemptEntity.class)
                .setParameter("d", deliveryId).getResultList());
    }

    private static WebhookViews.Delivery view(WebhookDeliveryEntity d, List<WebhookAttemptEntity> attempts) {
        return new WebhookViews.Delivery(d.id.toString(), d.endpointId.toString(), d.eventType, d.subjectId.toString(), d.status,
                d.createdAt, WebhookDeliveryEntity.PENDING.equals(d.status) ? d.nextAttemptAt : null, d.deliveredAt,
                attempts.stream().map(a -> new WebhookViews.Attempt(a.startedAt, a.statusCode, a.error, a.durationMs)).toList());
    }
}
