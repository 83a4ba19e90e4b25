package dev.mixdown.gateway.tenants;

import dev.mixdown.gateway.errors.ErrorMappers;
import dev.mixdown.gateway.ratelimit.KeyRateLimits;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.List;

/**
 * Every /v1 request carries {@code Authorization: Bearer <api key>}, which names its tenant. The key
 * is looked up on every request, so a revoked key stops working at once (a key revoked with a
 * grace period works until then: rotation). Then the key's token bucket is charged: 429
 * RATE_LIMITED with Retry-After when it is empty.
 */
@Provider
public class ApiKeyFilter implements ContainerRequestFilter, ContainerResponseFilter {
    private static final String REMAINING = "mixdown.ratelimit.remaining";

    @Inject
    EntityManager em;

    @Inject
    CurrentTenant tenant;

    @Inject
    KeyRateLimits rateLimits;

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/v1") && !path.startsWith("v1")) {
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.startsWith("Bearer ")) {
            request.abortWith(unauthorized("send Authorization: Bearer <api key>"));
            return;
        }
        String hash = ApiKeys.hash(header.substring("Bearer ".length()).trim());
        List<?> rows = em.createNativeQuery("select k.tenant_id, k.id, p.requests_per_minute, p.burst from api_key k"
                + " join tenant t on t.id = k.tenant_id join plan p on p.id = t.plan_id"
                + " where k.key_hash = ?1 and (k.revoked_at is null or k.revoked_at > now())")
                .setParameter(1, hash).getResultList();
        if (rows.isEmpty()) {
            request.abortWith(unauthorized(revoked(hash) ? "this API key was revoked (ask your operator for a new one)" : "unknown API key"));
            return;
        }
        Object[] row = (Object[]) rows.get(0);
        String keyId = (String) row[1];
        tenant.set((String) row[0], keyId);
        KeyRateLimits.Decision d = rateLimits.take(keyId, integer(row[2]), integer(row[3]));
        if (!d.allowed()) {
            request.abortWith(Response.status(429).type(MediaType.APPLICATION_JSON).header(HttpHeaders.RETRY_AFTER, d.retryAfterSeconds())
                    .entity(new ErrorMappers.Error("RATE_LIMITED", "too many requests with this API key (plan limit: " + row[2]
                            + " a minute, " + row[3] + " at once); retry after " + d.retryAfterSeconds() + " s"))
                    .build());
            return;
        }
        if (d.remaining() != Long.MAX_VALUE) {
            request.setProperty(REMAINING, d.remaining());
        }
    }

    /** Tells the client how many requests its key has left at once. */
    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object remaining = request.getProperty(REMAINING);
        if (remaining != null) {
            response.getHeaders().putSingle("RateLimit-Remaining", remaining);
        }
    }

    private boolean revoked(String hash) {
        return !em.createNativeQuery("select 1 from api_key where key_hash = ?1").setParameter(1, hash).getResultList().isEmpty();
    }

    private static Integer integer(Object o) {
        return o == null ? null : ((Number) o).intValue();
    }

    private static Response unauthorized(String message) {
        return Response.status(401).type(MediaType.APPLICATION_JSON).entity(new ErrorMappers.Error("UNAUTHORIZED", message)).build();
    }
}
