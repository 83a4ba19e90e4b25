package dev.mixdown.gateway.quotas;

import dev.mixdown.gateway.tenants.CurrentTenant;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /v1/usage}: the calling tenant's plan, what it used this month, and when the counts reset. */
@Path("/v1/usage")
@Produces(MediaType.APPLICATION_JSON)
public class UsageResource {
    @Inject
    Quotas quotas;

    @Inject
    CurrentTenant tenant;

    @GET
    public Usage usage() {
        return quotas.usage(tenant.id());
    }
}
