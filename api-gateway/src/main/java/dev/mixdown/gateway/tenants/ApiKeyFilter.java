package dev.mixdown.gateway.tenants;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.List;

/** Every /v1 request carries {@code Authorization: Bearer <api key>}, which names its tenant. */
@Provider
public class ApiKeyFilter implements ContainerRequestFilter {
    @Inject
    EntityManager em;

    @Inject
    CurrentTenant tenant;

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/v1") && !path.startsWith("v1")) {
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.startsWith("Bearer ")) {
            request.abortWith(unauthorized("send Authorization: Bearer <api key>"));
            return;
        }
        List<?> rows = em.createNativeQuery("select tenant_id from api_key where key_hash = ?1")
                .setParameter(1, ApiKeys.hash(header.substring("Bearer ".length()).trim()))
                .getResultList();
        if (rows.isEmpty()) {
            request.abortWith(unauthorized("unknown API key"));
            return;
        }
        tenant.set((String) rows.get(0));
    }

    private static Response unauthorized(String message) {
        return Response.status(401).type(MediaType.APPLICATION_JSON)
                .entity(new dev.mixdown.gateway.errors.ErrorMappers.Error("UNAUTHORIZED", message)).build();
    }
}
