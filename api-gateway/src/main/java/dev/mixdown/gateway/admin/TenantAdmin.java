package dev.mixdown.gateway.admin;

import dev.mixdown.gateway.config.GatewayConfig;
import dev.mixdown.gateway.errors.ApiException;
import dev.mixdown.gateway.quotas.Plans;
import dev.mixdown.gateway.ratelimit.KeyRateLimits;
import dev.mixdown.gateway.tenants.ApiKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Tenants and their API keys, as the operator manages them. A key is returned in clear once, when
 * it is made, and stored as its SHA-256 only. Rotation without downtime: make a new key, move the
 * clients over, then revoke the old one (at once, or after a grace period during which both work).
 */
@ApplicationScoped
public class TenantAdmin {
    @Inject
    EntityManager em;

    @Inject
    Plans plans;

    @Inject
    GatewayConfig config;

    @Inject
    KeyRateLimits rateLimits;

    public record Tenant(String id, String name, String plan, Instant createdAt, long activeKeys) {
    }

    public record Key(String id, String tenant, String label, Instant createdAt, Instant revokedAt) {
    }

    /** A key just made: the only time its secret is shown. */
    public record NewKey(String id, String tenant, String label, Instant createdAt, String key) {
    }

    @Transactional
    public Tenant create(String id, String name, String plan) {
        if (id == null || !id.matches("[a-z0-9][a-z0-9-]{0,63}")) {
            throw ApiException.invalid("INVALID_REQUEST", "a tenant id is 1 to 64 lower-case letters, digits and dashes");
        }
        String planId = plan == null ? config.admin().defaultPlan() : plan;
        plans.get(planId);
        int made = em.createNativeQuery("insert into tenant (id, name, plan_id) values (?1, ?2, ?3) on conflict (id) do nothing")
                .setParameter(1, id).setParameter(2, name == null ? id : name).setParameter(3, planId).executeUpdate();
        if (made == 0) {
            throw new ApiException(409, "TENANT_EXISTS", "tenant " + id + " exists (change its plan with PUT /admin/tenants/" + id + "/plan)");
        }
        return get(id);
    }

    @SuppressWarnings("unchecked")
    public List<Tenant> list() {
        return ((List<Object[]>) em.createNativeQuery(TENANTS + " group by t.id order by t.id").getResultList()).stream()
                .map(TenantAdmin::tenant).toList();
    }

    public Tenant get(String id) {
        List<?> rows = em.createNativeQuery(TENANTS + " where t.id = ?1 group by t.id").setParameter(1, id).getResultList();
        if (rows.isEmpty()) {
            throw ApiException.notFound("tenant " + id);
        }
        return tenant((Object[]) rows.get(0));
    }

    /** Moves the tenant to another plan; its next request is held to it. */
    @Transactional
    public Tenant setPlan(String id, String plan) {
        plans.get(plan);
        get(id);
        em.createNativeQuery("update tenant set plan_id = ?1 where id = ?2").setParameter(1, plan).setParameter(2, id).executeUpdate();
        return get(id);
    }

    @Transactional
    public NewKey createKey(String tenantId, String label) {
        get(tenantId);
        String key = ApiKeys.generate();
        String hash = ApiKeys.hash(key);
        Instant now = Instant.now();
        em.createNativeQuery("insert into api_key (key_hash, id, tenant_id, label, created_at) values (?1, ?2, ?3, ?4, ?5)")
                .setParameter(1, hash).setParameter(2, ApiKeys.idOf(hash)).setParameter(3, tenantId).setParameter(4, label)
                .setParameter(5, now).executeUpdate();
        return new NewKey(ApiKeys.idOf(hash), tenantId, label, now, key);
    }

    @SuppressWarnings("unchecked")
    public List<Key> keys(String tenantId) {
        get(tenantId);
        return ((List<Object[]>) em.createNativeQuery("select id, tenant_id, label, created_at, revoked_at from api_key where tenant_id = ?1"
                + " order by created_at, id").setParameter(1, tenantId).getResultList()).stream().map(TenantAdmin::key).toList();
    }

    /**
     * Revokes a key: at once ({@code grace} zero), or after {@code grace}, while clients move to a
     * newer key. Revoking again can only bring the time forward.
     */
    @Transactional
    public Key revoke(String tenantId, String keyId, Duration grace) {
        if (grace.isNegative()) {
            throw ApiException.invalid("INVALID_REQUEST", "a grace period cannot be negative");
        }
        Instant at = Instant.now().plus(grace);
        int n = em.createNativeQuery("update api_key set revoked_at = least(coalesce(revoked_at, ?1), ?1) where tenant_id = ?2 and id = ?3")
                .setParameter(1, at).setParameter(2, tenantId).setParameter(3, keyId).executeUpdate();
        if (n == 0) {
            throw ApiException.notFound("API key " + keyId + " of tenant " + tenantId);
        }
        if (grace.isZero()) {
            rateLimits.forget(keyId);
        }
        return keys(tenantId).stream().filter(k -> k.id().equals(keyId)).findFirst().orElseThrow();
    }

    private static final String TENANTS = "select t.id, t.name, t.plan_id, t.created_at,"
            + " count(k.id) filter (where k.revoked_at is null or k.revoked_at > now()) from tenant t left join api_key k on k.tenant_id = t.id";

    private static Tenant tenant(Object[] r) {
        return new Tenant((String) r[0], (String) r[1], (String) r[2], instant(r[3]), ((Number) r[4]).longValue());
    }

    private static Key key(Object[] r) {
        return new Key((String) r[0], (String) r[1], (String) r[2], instant(r[3]), instant(r[4]));
    }

    private static Instant instant(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof Instant i) {
            return i;
        }
        if (o instanceof java.time.OffsetDateTime t) {
            return t.toInstant();
        }
        return ((java.sql.Timestamp) o).toInstant();
    }
}
