package dev.mixdown.gateway.errors;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Domain errors become JSON {"code", "message"} once, here. */
public final class ErrorMappers {
    private ErrorMappers() {
    }

    /** The body of every error response. */
    public record Error(String code, String message) {
    }

    static Response json(int status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new Error(code, message)).build();
    }

    @Provider
    public static final class Api implements ExceptionMapper<ApiException> {
        @Override
        public Response toResponse(ApiException e) {
            return json(e.status(), e.code(), e.getMessage());
        }
    }

    @Provider
    public static final class Invalid implements ExceptionMapper<IllegalArgumentException> {
        @Override
        public Response toResponse(IllegalArgumentException e) {
            return json(400, "INVALID_REQUEST", e.getMessage());
        }
    }
}
