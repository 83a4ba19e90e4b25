package dev.mixdown.gateway.webhooks;

import dev.mixdown.gateway.config.GatewayConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The sender's two short transactions around each HTTP call, so no transaction stays open while
 * a receiver takes its time: {@link #claim} takes due deliveries (FOR UPDATE SKIP LOCKED, so
 * replicas share them) and pushes them one lease ahead; {@link #record} stores the attempt and
 * decides what comes next.
 */
@ApplicationScoped
public class WebhookClaims {
    @Inject
    EntityManager em;

    @Inject
    GatewayConfig config;

    private RetrySchedule schedule;

    /** A delivery taken for sending, with what the sender needs. */
    public record Claim(UUID deliveryId, UUID endpointId, String url, String secret, String payload) {
    }

    /** What an attempt led to. */
    public enum Outcome {
        SUCCEEDED, RETRY, FAILED, GONE
    }

    @PostConstruct
    void init() {
        schedule = new RetrySchedule(config.webhooks().retrySchedule(), config.webhooks().retryFor(),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    /**
     * Claims up to {@code max} due deliveries, oldest due first, taking no endpoint past
     * {@code perEndpoint} in flight (counting {@code inFlight}, what this replica is already sending).
     */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<Claim> claim(int max, Map<UUID, Integer> inFlight, int perEndpoint) {
        Instant now = Instant.now();
        // at most perEndpoint candidates per endpoint, so one endpoint's backlog does not crowd out the others
        List<Object[]> rows = em.createNativeQuery("select d.id, d.endpoint_id, e.url, e.secret, d.payload"
                + " from webhook_delivery d join webhook_endpoint e on e.id = d.endpoint_id"
                + " where d.id in (select id from (select id, row_number() over (partition by endpoint_id order by next_attempt_at) rn"
                + "   from webhook_delivery where status = 'PENDING' and next_attempt_at <= ?1) ranked where rn <= ?2)"
                + " order by d.next_attempt_at limit ?3 for update of d skip locked")
                .setParameter(1, now).setParameter(2, perEndpoint).setParameter(3, max + inFlight.size() * perEndpoint)
                .getResultList();
        Map<UUID, Integer> taken = new HashMap<>(inFlight);
        List<Claim> claims = new ArrayList<>();
        for (Object[] r : rows) {
            UUID endpoint = (UUID) r[1];
            if (claims.size() < max && taken.getOrDefault(endpoint, 0) < perEndpoint) {
                taken.merge(endpoint, 1, Integer::sum);
                claims.add(new Claim((UUID) r[0], endpoint, (String) r[2], (String) r[3], (String) r[4]));
            }
        }
        if (!claims.isEmpty()) {
            em.createNativeQuery("update webhook_delivery set next_attempt_at = ?1 where id in (?2)")
                    .setParameter(1, now.plus(config.webhooks().lease()))
                    .setParameter(2, claims.stream().map(Claim::deliveryId).toList()).executeUpdate();
        }
        return claims;
    }

    /**
     * Records an attempt: a 2xx answer delivers; anything else is retried on the schedule until
     * the retry period ends, then the delivery has FAILED.
     *
     * @param statusCode the answer's status, or null when none came (then {@code error} says why)
     */
    @Transactional
    public Outcome record(UUID deliveryId, Instant startedAt, long durationMs, Integer statusCode, String error) {
        WebhookDeliveryEntity d = em.find(WebhookDeliveryEntity.class, deliveryId, LockModeType.PESSIMISTIC_WRITE);
        if (d == null) {
            return Outcome.GONE; // its endpoint was deleted meanwhile
        }
        WebhookAttemptEntity a = new WebhookAttemptEntity();
        a.deliveryId = deliveryId;
        a.startedAt = startedAt;
        a.durationMs = durationMs;
        a.statusCode = statusCode;
        a.error = error == null || error.length() <= 1000 ? error : error.substring(0, 1000);
        em.persist(a);
        Instant now = Instant.now();
        if (statusCode != null && statusCode >= 200 && statusCode < 300) {
            d.status = WebhookDeliveryEntity.SUCCEEDED;
            d.deliveredAt = now;
            return Outcome.SUCCEEDED;
        }
        d.failures++;
        Optional<Instant> next = schedule.next(d.failures, d.queuedAt, now);
        if (next.isEmpty()) {
            d.status = WebhookDeliveryEntity.FAILED;
            return Outcome.FAILED;
        }
        d.nextAttemptAt = next.get();
        return Outcome.RETRY;
    }
}
