package dev.mixdown.gateway.quotas;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * 403 QUOTA_EXCEEDED: the plan refuses this job (not 429: waiting a few seconds will not help,
 * and clients retry 429 on their own). The body says what was used, the limit and when it resets.
 */
@Provider
public class QuotaExceededMapper implements ExceptionMapper<QuotaExceeded> {
    @Override
    public Response toResponse(QuotaExceeded e) {
        return Response.status(403).type(MediaType.APPLICATION_JSON).entity(e.body()).build();
    }
}
