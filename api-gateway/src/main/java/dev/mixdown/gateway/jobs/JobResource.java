package dev.mixdown.gateway.jobs;

import dev.mixdown.gateway.api.Params;
import dev.mixdown.gateway.config.GatewayConfig;
import dev.mixdown.gateway.tenants.CurrentTenant;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.resteasy.reactive.RestStreamElementType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** REST v1 for jobs: thin; the rules live in {@link JobCommands} and {@link JobQueries}. */
@Path("/v1/jobs")
@Produces(MediaType.APPLICATION_JSON)
public class JobResource {
    @Inject
    JobCommands commands;

    @Inject
    JobQueries jobs;

    @Inject
    CurrentTenant tenant;

    @Inject
    GatewayConfig config;

    @Inject
    OutputArchive archive;

    /** Creates a mix, master or package job; answers 202 with the job. A retried request with the same Idempotency-Key gets the same job. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(JobRequest request, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        JobEntity job = commands.create(tenant.id(), request, idempotencyKey);
        return Response.accepted(jobs.view(job, config.storage().urlSeconds())).location(URI.create("/v1/jobs/" + job.id)).build();
    }

    @GET
    @Path("/{id}")
    public JobView get(@PathParam("id") @Schema(format = "uuid") String id) {
        return jobs.view(jobs.get(tenant.id(), jobId(id)), config.storage().urlSeconds());
    }

    /** Lists the tenant's jobs, newest first; filter by status (one, or several separated by commas) and batch. */
    @GET
    public List<JobView> list(@QueryParam("status") String status, @QueryParam("batch") @Schema(format = "uuid") String batch,
            @QueryParam("limit") @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.INTEGER,
                    defaultValue = "100") String limit) {
        return jobs.list(tenant.id(), status, Params.uuid("batch", batch), Params.integer("limit", limit, 100)).stream()
                .map(j -> jobs.view(j, config.storage().urlSeconds())).toList();
    }

    /** Re-runs a job with changed settings and the same inputs: a new job linked to the original. */
    @POST
    @Path("/{id}/revisions")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response revise(@PathParam("id") @Schema(format = "uuid") String id, JobRequest changes, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        JobEntity job = commands.revise(tenant.id(), jobId(id), changes, idempotencyKey);
        return Response.accepted(jobs.view(job, config.storage().urlSeconds())).location(URI.create("/v1/jobs/" + job.id)).build();
    }

    /**
     * Follows a job as server-sent events: the job as JSON whenever its status, attempt, stage or
     * progress changes, ending after its final state.
     */
    @GET
    @Path("/{id}/events")
    @Blocking
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<JobView> events(@PathParam("id") @Schema(format = "uuid") String id) {
        String t = tenant.id();
        UUID jobId = jobId(id);
        jobs.get(t, jobId); // 404 before the stream starts
        int urlSeconds = config.storage().urlSeconds();
        AtomicReference<String> last = new AtomicReference<>();
        AtomicBoolean finished = new AtomicBoolean();
        return Multi.createFrom().ticks().every(Duration.ofMillis(250))
                .onOverflow().drop()
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(tick -> QuarkusTransaction.requiringNew().call(() -> jobs.view(jobs.get(t, jobId), urlSeconds)))
                // take every state up to and including the final one, then complete
                .select().first(v -> {
                    boolean open = !finished.get();
                    if (JobStatus.valueOf(v.status()).terminal()) {
                        finished.set(true);
                    }
                    return open;
                })
                // and of those, only the changes
                .select().where(v -> {
                    String key = v.status() + "/" + v.attempt() + "/" + v.stage() + "/" + v.progress();
                    return !key.equals(last.getAndSet(key));
                });
    }

    /** The job's report: a redirect to a presigned download. */
    @GET
    @Path("/{id}/report")
    public Response report(@PathParam("id") @Schema(format = "uuid") String id) {
        JobView view = jobs.view(jobs.get(tenant.id(), jobId(id)), config.storage().urlSeconds());
        if (view.reportUrl() == null) {
            throw new dev.mixdown.gateway.errors.ApiException(409, "NO_REPORT_YET", "job " + id + " is " + view.status()
                    + "; its report exists once it has SUCCEEDED");
        }
        return Response.seeOther(URI.create(view.reportUrl())).build();
    }

    /**
     * The whole package of a SUCCEEDED job as one ZIP (its outputs, report.json and plots/),
     * streamed from the object store; 409 NO_OUTPUTS_YET before then.
     */
    @GET
    @Path("/{id}/outputs.zip")
    @Produces("application/zip")
    public Response outputsZip(@PathParam("id") @Schema(format = "uuid") String id) {
        List<OutputArchive.Entry> entries = archive.entries(tenant.id(), jobId(id));
        StreamingOutput zip = out -> archive.write(entries, out);
        return Response.ok(zip).header("Content-Disposition", "attachment; filename=\"mixdown-" + id + ".zip\"").build();
    }

    @POST
    @Path("/{id}/cancel")
    public JobView cancel(@PathParam("id") @Schema(format = "uuid") String id) {
        return jobs.view(commands.cancel(tenant.id(), jobId(id)), config.storage().urlSeconds());
    }

    /** Raises a waiting job to the front of its tenant's queue, in the interactive lane (409 once it is dispatched). */
    @POST
    @Path("/{id}/rush")
    public JobView rush(@PathParam("id") @Schema(format = "uuid") String id) {
        return jobs.view(commands.rush(tenant.id(), jobId(id)), config.storage().urlSeconds());
    }

    private static UUID jobId(String id) {
        return Params.uuid("id", id);
    }
}
