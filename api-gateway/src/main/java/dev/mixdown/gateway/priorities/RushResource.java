package dev.mixdown.gateway.priorities;

import dev.mixdown.gateway.api.Params;
import dev.mixdown.gateway.config.GatewayConfig;
import dev.mixdown.gateway.jobs.JobQueries;
import dev.mixdown.gateway.jobs.JobView;
import dev.mixdown.gateway.tenants.CurrentTenant;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /v1/jobs/{id}/rush}: raises a waiting job to the front of its tenant's queue, in the interactive lane. */
@Path("/v1/jobs/{id}/rush")
@Produces(MediaType.APPLICATION_JSON)
public class RushResource {
    @Inject
    JobRush rush;

    @Inject
    JobQueries jobs;

    @Inject
    CurrentTenant tenant;

    @Inject
    GatewayConfig config;

    @POST
    public JobView rush(@PathParam("id") @Schema(format = "uuid") String id) {
        return jobs.view(rush.rush(tenant.id(), Params.uuid("id", id)), config.storage().urlSeconds());
    }
}
