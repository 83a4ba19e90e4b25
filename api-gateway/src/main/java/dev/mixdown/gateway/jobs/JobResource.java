package dev.mixdown.gateway.jobs;

import dev.mixdown.gateway.config.GatewayConfig;
import dev.mixdown.gateway.tenants.CurrentTenant;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;

/** REST v1 for jobs: thin; the rules live in {@link JobService}. */
@Path("/v1/jobs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class JobResource {
    @Inject
    JobService jobs;

    @Inject
    CurrentTenant tenant;

    @Inject
    GatewayConfig config;

    /** Creates a mix or master job; answers 202 with the job. A retried request with the same Idempotency-Key gets the same job. */
    @POST
    public Response create(JobRequest request, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        JobEntity job = jobs.create(tenant.id(), request, idempotencyKey);
        return Response.accepted(jobs.view(job, config.storage().urlSeconds())).location(URI.create("/v1/jobs/" + job.id)).build();
    }

    @GET
    @Path("/{id}")
    public JobView get(@PathParam("id") UUID id) {
        return jobs.view(jobs.get(tenant.id(), id), config.storage().urlSeconds());
    }

    @GET
    public List<JobView> list(@QueryParam("status") String status, @QueryParam("limit") @DefaultValue("100") int limit) {
        return jobs.list(tenant.id(), status, limit).stream().map(j -> jobs.view(j, config.storage().urlSeconds())).toList();
    }

    @POST
    @Path("/{id}/cancel")
    public JobView cancel(@PathParam("id") UUID id) {
        return jobs.view(jobs.cancel(tenant.id(), id), config.storage().urlSeconds());
    }
}
