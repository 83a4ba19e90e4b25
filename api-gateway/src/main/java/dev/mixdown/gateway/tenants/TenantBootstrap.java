package dev.mixdown.gateway.tenants;

import dev.mixdown.gateway.config.GatewayConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Creates the local cluster's first tenant and key when configured (idempotent). */
@ApplicationScoped
public class TenantBootstrap {
    @Inject
    GatewayConfig config;

    @Inject
    EntityManager em;

    @Transactional
    void onStart(@Observes StartupEvent event) {
        config.bootstrapApiKey().ifPresent(key -> addKey("local", "Local cluster", key));
    }

    /** Adds a tenant (if new) and an API key for it (if new). */
    @Transactional
    public void addKey(String tenantId, String name, String key) {
        em.createNativeQuery("insert into tenant (id, name) values (?1, ?2) on conflict (id) do nothing")
                .setParameter(1, tenantId).setParameter(2, name).executeUpdate();
        String hash = ApiKeys.hash(key);
        em.createNativeQuery("insert into api_key (key_hash, id, tenant_id, label) values (?1, ?2, ?3, 'bootstrap') on conflict do nothing")
                .setParameter(1, hash).setParameter(2, ApiKeys.idOf(hash)).setParameter(3, tenantId).executeUpdate();
    }
}
