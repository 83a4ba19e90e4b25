package dev.mixdown.gateway.studio;

import dev.mixdown.gateway.api.Params;
import dev.mixdown.gateway.errors.ApiException;
import dev.mixdown.gateway.tenants.CurrentTenant;
import dev.mixdown.jobs.contracts.DeliveryRules;
import dev.mixdown.jobs.contracts.JobRules;
import dev.mixdown.jobs.contracts.RoleNames;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What the web app (Mixdown Studio, served at {@code /}) reads besides REST v1: the words a job
 * may use, roles inferred from file names (the engine's table), job lists with counts and search,
 * and a job's result page. Thin: the work is in {@link StudioQueries} and {@link ResultPage}.
 */
@Path("/v1/studio")
@Produces(MediaType.APPLICATION_JSON)
public class StudioResource {
    /** File names one role request may name (a folder of stems; the job cap is 128). */
    static final int MAX_ROLE_FILES = 256;

    @Inject
    CurrentTenant tenant;

    @Inject
    StudioQueries studio;

    @Inject
    ResultPage results;

    /** Roles, presences, reverbs, delivery targets and tone profiles, and the file-name role table. */
    @GET
    @Path("/vocabulary")
    public StudioViews.Vocabulary vocabulary() {
        return new StudioViews.Vocabulary(JobRules.ROLES, JobRules.PRESENCES, JobRules.REVERBS, DeliveryRules.TARGETS, JobRules.PROFILES,
                RoleNames.RULES);
    }

    /** The role each file name suggests, as the mix engine would infer it (null: the engine will listen to the audio). */
    @POST
    @Path("/roles")
    @Consumes(MediaType.APPLICATION_JSON)
    public List<StudioViews.RoleGuess> roles(StudioViews.RoleRequest request) {
        if (request == null || request.files() == null || request.files().isEmpty()) {
            throw ApiException.invalid("INVALID_REQUEST", "name the files: {\"files\": [\"Kick.wav\", ...]}");
        }
        if (request.files().size() > MAX_ROLE_FILES) {
            throw ApiException.invalid("TOO_MANY_FILES", request.files().size() + " files; at most " + MAX_ROLE_FILES + " at once");
        }
        return request.files().stream().map(f -> {
            if (f == null) {
                throw ApiException.invalid("INVALID_REQUEST", "files: a name is null");
            }
            return RoleNames.infer(f).map(i -> new StudioViews.RoleGuess(f, i.role(), i.evidence()))
                    .orElse(new StudioViews.RoleGuess(f, null, "no rule matches " + f + "; the engine infers the role from the audio"));
        }).toList();
    }

    /** The tenant's jobs, newest first, with counts per status; {@code q} searches titles (file names) and ids. */
    @GET
    @Path("/jobs")
    public StudioViews.JobList jobs(@QueryParam("status") String status, @QueryParam("q") String search,
            @QueryParam("limit") @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.INTEGER,
                    defaultValue = "100") String limit) {
        return studio.list(tenant.id(), status, search, Params.integer("limit", limit, 100));
    }

    /** A job's result page: the job, its request, its playable sources with their loudness, its report, plots and revisions. */
    @GET
    @Path("/jobs/{id}")
    public StudioViews.Listening job(@PathParam("id") @Schema(format = "uuid") String id) {
        return results.of(tenant.id(), Params.uuid("id", id));
    }
}
