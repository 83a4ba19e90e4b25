package dev.mixdown.gateway.admin;

import dev.mixdown.gateway.config.GatewayConfig;
import dev.mixdown.gateway.errors.ErrorMappers;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The operator API ({@code /admin}) takes only the operator's key ({@code mixdown.admin.api-key}),
 * compared in constant time; tenants' API keys are no good there. Without an operator key
 * configured, the operator API does not exist (404).
 */
@Provider
public class AdminKeyFilter implements ContainerRequestFilter {
    /** Looked up per request: providers are made before the runtime configuration is there. */
    @Inject
    Instance<GatewayConfig> configs;

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/admin") && !path.startsWith("admin")) {
            return;
        }
        GatewayConfig config = configs.get();
        if (config.admin().apiKey().isEmpty()) {
            request.abortWith(error(404, "NOT_FOUND", "the operator API is off (set mixdown.admin.api-key to turn it on)"));
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        String given = header != null && header.startsWith("Bearer ") ? header.substring("Bearer ".length()).trim() : "";
        if (!MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), config.admin().apiKey().get().getBytes(StandardCharsets.UTF_8))) {
            request.abortWith(error(401, "UNAUTHORIZED", "the operator API takes the operator's key (Authorization: Bearer <admin key>)"));
        }
    }

    private static Response error(int status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ErrorMappers.Error(code, message)).build();
    }
}
