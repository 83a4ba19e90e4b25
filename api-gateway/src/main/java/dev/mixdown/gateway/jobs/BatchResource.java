package dev.mixdown.gateway.jobs;

import dev.mixdown.gateway.config.GatewayConfig;
import dev.mixdown.gateway.tenants.CurrentTenant;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** Many jobs in one call (a catalog's worth): all are queued in one transaction, or none. */
@Path("/v1/batches")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class BatchResource {
    @Inject
    JobCommands commands;

    @Inject
    JobQueries jobs;

    @Inject
    CurrentTenant tenant;

    @Inject
    GatewayConfig config;

    public record BatchRequest(List<JobRequest> jobs) {
    }

    public record Batch(String id, List<JobView> jobs) {
    }

    @POST
    public Response create(BatchRequest request, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        List<JobEntity> created = commands.createBatch(tenant.id(), request == null ? null : request.jobs(), idempotencyKey);
        List<JobView> views = created.stream().map(j -> jobs.view(j, config.storage().urlSeconds())).toList();
        return Response.accepted(new Batch(created.get(0).batchId.toString(), views)).build();
    }
}
