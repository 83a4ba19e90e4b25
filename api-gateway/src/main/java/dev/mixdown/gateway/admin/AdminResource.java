package dev.mixdown.gateway.admin;

import dev.mixdown.gateway.api.Params;
import dev.mixdown.gateway.quotas.Plan;
import dev.mixdown.gateway.quotas.Plans;
import dev.mixdown.gateway.quotas.Quotas;
import dev.mixdown.gateway.quotas.Usage;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/** The operator API: tenants, their plans and API keys (guarded by {@link AdminKeyFilter}). Thin: the rules are {@link TenantAdmin}'s. */
@Path("/admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {
    @Inject
    TenantAdmin tenants;

    @Inject
    Plans plans;

    @Inject
    Quotas quotas;

    public record NewTenant(String id, String name, String plan) {
    }

    public record PlanChoice(String plan) {
    }

    public record NewKeyRequest(String label) {
    }

    @POST
    @Path("/tenants")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response createTenant(NewTenant t) {
        if (t == null) {
            throw dev.mixdown.gateway.errors.ApiException.invalid("INVALID_REQUEST", "send {\"id\": ..., \"name\": ..., \"plan\": ...}");
        }
        return Response.created(URI.create("/admin/tenants/" + t.id())).entity(tenants.create(t.id(), t.name(), t.plan())).build();
    }

    @GET
    @Path("/tenants")
    public List<TenantAdmin.Tenant> listTenants() {
        return tenants.list();
    }

    @GET
    @Path("/tenants/{id}")
    public TenantAdmin.Tenant tenant(@PathParam("id") String id) {
        return tenants.get(id);
    }

    @GET
    @Path("/tenants/{id}/usage")
    public Usage usage(@PathParam("id") String id) {
        tenants.get(id);
        return quotas.usage(id);
    }

    @PUT
    @Path("/tenants/{id}/plan")
    @Consumes(MediaType.APPLICATION_JSON)
    public TenantAdmin.Tenant setPlan(@PathParam("id") String id, PlanChoice choice) {
        if (choice == null || choice.plan() == null) {
            throw dev.mixdown.gateway.errors.ApiException.invalid("INVALID_REQUEST", "send {\"plan\": ...}");
        }
        return tenants.setPlan(id, choice.plan());
    }

    /** Makes an API key; the answer is the only time its secret is shown. */
    @POST
    @Path("/tenants/{id}/keys")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response createKey(@PathParam("id") String id, NewKeyRequest req) {
        return Response.status(201).entity(tenants.createKey(id, req == null ? null : req.label())).build();
    }

    @GET
    @Path("/tenants/{id}/keys")
    public List<TenantAdmin.Key> keys(@PathParam("id") String id) {
        return tenants.keys(id);
    }

    /** Revokes a key at once, or after {@code graceSeconds} (rotation: both keys work meanwhile). */
    @DELETE
    @Path("/tenants/{id}/keys/{key}")
    public TenantAdmin.Key revoke(@PathParam("id") String id, @PathParam("key") String key, @QueryParam("graceSeconds") String grace) {
        return tenants.revoke(id, key, Duration.ofSeconds(Params.integer("graceSeconds", grace, 0)));
    }

    @GET
    @Path("/plans")
    public List<Plan> listPlans() {
        return plans.list();
    }

    /** Creates a plan or replaces its limits (null: no limit). */
    @PUT
    @Path("/plans/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Plan putPlan(@PathParam("id") String id, Plan plan) {
        if (plan == null) {
            throw dev.mixdown.gateway.errors.ApiException.invalid("INVALID_REQUEST", "send the plan's limits");
        }
        return plans.put(new Plan(id, plan.description(), plan.jobsPerMonth(), plan.concurrentJobs(), plan.stemsPerJob(),
                plan.uploadBytesPerMonth(), plan.requestsPerMinute(), plan.burst()));
    }
}
