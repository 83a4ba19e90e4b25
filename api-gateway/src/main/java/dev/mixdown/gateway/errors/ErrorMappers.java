package dev.mixdown.gateway.errors;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Every error of the API is JSON {"code", "message"}, made here once: domain errors
 * ({@link ApiException}), JSON that cannot be read (400 MALFORMED_JSON, INVALID_FIELD,
 * UNKNOWN_FIELD, naming the field's path), the framework's own refusals (404, 405, 406, 415),
 * and anything unexpected (500 INTERNAL_ERROR with a reference to the log, never a stack trace).
 * Bodies too large and unknown routes are answered before JAX-RS, by {@code RequestLimits}.
 */
public final class ErrorMappers {
    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

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

    /** JSON the API's mapper refused (the reader may throw it as it is, or wrapped in a 400, see {@link Framework}). */
    @Provider
    @Priority(1)
    public static final class UnreadableJson implements ExceptionMapper<JacksonException> {
        @Override
        public Response toResponse(JacksonException e) {
            return unreadable(e);
        }
    }

    /** The Jackson reader of Quarkus REST throws this one itself; mapped here so it gets our body, not the built-in one. */
    @Provider
    @Priority(1)
    public static final class MismatchedJson implements ExceptionMapper<MismatchedInputException> {
        @Override
        public Response toResponse(MismatchedInputException e) {
            return unreadable(e);
        }
    }

    /** The framework's refusals (no such route or method, unsupported media type), and JSON errors wrapped in a 400. */
    @Provider
    public static final class Framework implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            if (e.getCause() instanceof JacksonException cause) {
                return unreadable(cause);
            }
            int status = e.getResponse().getStatus();
            if (status < 400) {
                return e.getResponse();
            }
            String code = switch (status) {
                case 400 -> "INVALID_REQUEST";
                case 401 -> "UNAUTHORIZED";
                case 404 -> "NOT_FOUND";
                case 405 -> "METHOD_NOT_ALLOWED";
                case 406 -> "NOT_ACCEPTABLE";
                case 413 -> "BODY_TOO_LARGE";
                case 415 -> "UNSUPPORTED_MEDIA_TYPE";
                default -> status >= 500 ? "INTERNAL_ERROR" : "HTTP_" + status;
            };
            String message = switch (status) {
                case 404 -> "no such resource";
                case 415 -> "send the body as application/json";
                default -> status >= 500 ? "internal error" : e.getResponse().getStatusInfo().getReasonPhrase();
            };
            return json(status, code, message);
        }
    }

    /** Anything else is a fault of the gateway: logged with a reference the caller can quote, never shown. */
    @Provider
    public static final class Unexpected implements ExceptionMapper<Exception> {
        @Override
        public Response toResponse(Exception e) {
            String reference = UUID.randomUUID().toString();
            LOG.errorf(e, "internal error %s", reference);
            return json(500, "INTERNAL_ERROR", "internal error; reference " + reference);
        }
    }

    static Response unreadable(JacksonException e) {
        Throwable root = e;
        while (root.getCause() instanceof JacksonException inner) {
            root = inner;
        }
        String path = e instanceof JsonMappingException m ? path(m) : "";
        if (root instanceof UnrecognizedPropertyException u) {
            String field = path.isEmpty() ? u.getPropertyName() : path;
            return json(400, "UNKNOWN_FIELD", "unknown field " + field + " (the API does not ignore fields it does not know)");
        }
        if (root instanceof StreamReadException && !(root instanceof InputCoercionException)) {
            JsonLocation at = ((JacksonException) root).getLocation();
            return json(400, "MALFORMED_JSON", "the body is not valid JSON" + (at == null ? "" : " (line " + at.getLineNr()
                    + ", column " + at.getColumnNr() + ")") + ": " + ((JacksonException) root).getOriginalMessage());
        }
        String what = ((JacksonException) root).getOriginalMessage();
        return json(400, "INVALID_FIELD", (path.isEmpty() ? "the body" : "field " + path) + ": "
                + (what == null ? "invalid value" : what.lines().findFirst().orElse(what)));
    }

    /** The field's path as a client writes it: {@code jobs[0].stems[2].key}. */
    static String path(JsonMappingException e) {
        StringBuilder s = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                s.append(s.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                s.append('[').append(r.getIndex()).append(']');
            }
        }
        return s.toString();
    }
}
