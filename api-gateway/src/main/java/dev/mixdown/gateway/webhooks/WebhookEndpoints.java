package dev.mixdown.gateway.webhooks;

import dev.mixdown.gateway.config.GatewayConfig;
import dev.mixdown.gateway.errors.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** A tenant's webhook endpoints: register (URL checked against the target policy), list, rotate the secret, delete. */
@ApplicationScoped
public class WebhookEndpoints {
    @Inject
    EntityManager em;

    @Inject
    WebhookTargets targets;

    @Inject
    GatewayConfig config;

    /** Registers an endpoint; the answer is the only one that shows its secret. */
    @Transactional
    public WebhookViews.Endpoint create(String tenantId, WebhookViews.EndpointRequest request) {
        if (request == null) {
            throw ApiException.invalid("INVALID_REQUEST", "send {url, eventTypes, description?}");
        }
        targets.check(request.url());
        if (request.eventTypes() == null || request.eventTypes().isEmpty()) {
            throw ApiException.invalid("UNKNOWN_EVENT_TYPE", "eventTypes names at least one event type");
        }
        Set<String> types = new LinkedHashSet<>();
        for (String t : request.eventTypes()) {
            types.add(EventType.parse(t).wireName());
        }
        if (request.description() != null && request.description().length() > 500) {
            throw ApiException.invalid("INVALID_REQUEST", "description is longer than 500 characters");
        }
        long existing = em.createQuery("select count(e) from WebhookEndpointEntity e where e.tenantId = :t", Long.class)
                .setParameter("t", tenantId).getSingleResult();
        if (existing >= config.webhooks().maxEndpointsPerTenant()) {
            throw new ApiException(409, "TOO_MANY_WEBHOOKS", "a tenant has at most " + config.webhooks().maxEndpointsPerTenant()
                    + " webhook endpoints; delete one first");
        }
        WebhookEndpointEntity e = new WebhookEndpointEntity();
        e.id = UUID.randomUUID();
        e.tenantId = tenantId;
        e.url = request.url();
        e.description = request.description();
        e.eventTypes = String.join(",", types);
        e.secret = WebhookSignature.newSecret();
        e.createdAt = Instant.now();
        em.persist(e);
        return view(e, true);
    }

    public List<WebhookViews.Endpoint> list(String tenantId) {
        return em.createQuery("from WebhookEndpointEntity where tenantId = :t order by createdAt", WebhookEndpointEntity.class)
                .setParameter("t", tenantId).getResultStream().map(e -> view(e, false)).toList();
    }

    public WebhookViews.Endpoint get(String tenantId, UUID id) {
        return view(find(tenantId, id), false);
    }

    /** Deletes the endpoint with its deliveries; nothing more is sent to it. */
    @Transactional
    public void delete(String tenantId, UUID id) {
        em.remove(find(tenantId, id));
    }

    /** Replaces the secret: deliveries from now on (retries included) are signed with the new one, shown in this answer only. */
    @Transactional
    public WebhookViews.Endpoint rotateSecret(String tenantId, UUID id) {
        WebhookEndpointEntity e = find(tenantId, id);
        e.secret = WebhookSignature.newSecret();
        return view(e, true);
    }

    /** The endpoint, if it belongs to the tenant: another tenant's is "not found". */
    WebhookEndpointEntity find(String tenantId, UUID id) {
        WebhookEndpointEntity e = em.find(WebhookEndpointEntity.class, id);
        if (e == null || !e.tenantId.equals(tenantId)) {
            throw ApiException.notFound("webhook " + id);
        }
        return e;
    }

    private static WebhookViews.Endpoint view(WebhookEndpointEntity e, boolean withSecret) {
        return new WebhookViews.Endpoint(e.id.toString(), e.url, e.eventTypeList(), e.description, e.createdAt,
                withSecret ? e.secret : null);
    }
}
