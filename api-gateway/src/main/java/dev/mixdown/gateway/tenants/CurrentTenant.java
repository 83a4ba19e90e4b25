package dev.mixdown.gateway.tenants;

import jakarta.enterprise.context.RequestScoped;

/** The tenant of the request being served, set by {@link ApiKeyFilter}. */
@RequestScoped
public class CurrentTenant {
    private String id;

    public String id() {
        if (id == null) {
            throw new IllegalStateException("no tenant on this request");
        }
        return id;
    }

    void set(String id) {
        this.id = id;
    }
}
