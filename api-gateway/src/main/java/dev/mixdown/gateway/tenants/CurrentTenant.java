package dev.mixdown.gateway.tenants;

import jakarta.enterprise.context.RequestScoped;

/** The tenant of the request being served, and the API key it came with, set by {@link ApiKeyFilter}. */
@RequestScoped
public class CurrentTenant {
    private String id;
    private String keyId;

    public String id() {
        if (id == null) {
            throw new IllegalStateException("no tenant on this request");
        }
        return id;
    }

    /** The id of the request's API key (as {@code GET /admin/tenants/{id}/keys} lists it). */
    public String keyId() {
        return keyId;
    }

    void set(String id, String keyId) {
        this.id = id;
        this.keyId = keyId;
    }
}
