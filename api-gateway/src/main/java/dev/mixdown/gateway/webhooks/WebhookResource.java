package dev.mixdown.gateway.webhooks;

import dev.mixdown.gateway.tenants.CurrentTenant;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
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

/** REST v1 for webhooks: thin; the rules live in {@link WebhookEndpoints} and {@link WebhookDeliveries}. */
@Path("/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookResource {
    @Inject
    WebhookEndpoints endpoints;

    @Inject
    WebhookDeliveries deliveries;

    @Inject
    CurrentTenant tenant;

    /** Registers an endpoint for some event types; answers 201 with it and its signing secret, shown this once. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(WebhookViews.EndpointRequest request) {
        WebhookViews.Endpoint created = endpoints.create(tenant.id(), request);
        return Response.created(URI.create("/v1/webhooks/" + created.id())).entity(created).build();
    }

    @GET
    public List<WebhookViews.Endpoint> list() {
        return endpoints.list(tenant.id());
    }

    @GET
    @Path("/{id}")
    public WebhookViews.Endpoint get(@PathParam("id") UUID id) {
        return endpoints.get(tenant.id(), id);
    }

    /** Deletes the endpoint and its deliveries. */
    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") UUID id) {
        endpoints.delete(tenant.id(), id);
        return Response.noContent().build();
    }

    /** A new signing secret, shown in this answer only; the old one signs nothing more. */
    @POST
    @Path("/{id}/rotate-secret")
    public WebhookViews.Endpoint rotateSecret(@PathParam("id") UUID id) {
        return endpoints.rotateSecret(tenant.id(), id);
    }

    /** The endpoint's deliveries, newest first, each with every attempt made. */
    @GET
    @Path("/{id}/deliveries")
    public List<WebhookViews.Delivery> deliveries(@PathParam("id") UUID id, @QueryParam("limit") @DefaultValue("100") int limit) {
        return deliveries.list(tenant.id(), id, limit);
    }

    /** Sends a delivery again, with the same webhook-id; answers 202. */
    @POST
    @Path("/deliveries/{deliveryId}/replay")
    public Response replay(@PathParam("deliveryId") UUID deliveryId) {
        return Response.accepted(deliveries.replay(tenant.id(), deliveryId)).build();
    }
}
