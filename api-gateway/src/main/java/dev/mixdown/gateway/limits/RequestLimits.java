package dev.mixdown.gateway.limits;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mixdown.gateway.config.GatewayConfig;
import dev.mixdown.gateway.errors.ErrorMappers;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.VertxHttpRecorder;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.regex.Pattern;

/**
 * Bounds what a request body may cost before any resource sees it. Only a streamed upload
 * ({@link #STREAMED_UPLOAD}) may be large, up to {@code mixdown.limits.upload-max-bytes}; every other body (JSON) is read into memory
 * here, up to {@code mixdown.limits.json-body-max-bytes}. A declared Content-Length over the limit
 * is refused at once, unread; a chunked body is refused when it passes the limit. Also answers
 * unknown routes with the JSON error body, so no error of the API is an empty page.
 */
@ApplicationScoped
public class RequestLimits {
    /** Just after Quarkus' own outer limit ({@code quarkus.http.limits.max-body-size}), so ours decides per route. */
    static final int ORDER = RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT + 1;
    /**
     * The routes that stream a file: the API-key upload ({@code PUT /v1/uploads/{id}/{file}}) and
     * the signed upload URL of the store gate ({@code PUT /gate/tenants/{t}/uploads/{id}/{file}}).
     */
    private static final Pattern STREAMED_UPLOAD = Pattern.compile("/v1/uploads/[^/]+/[^/]+|/gate/tenants/[^/]+/uploads/[^/]+/[^/]+");

    @Inject
    GatewayConfig config;

    @Inject
    ObjectMapper json;

    void install(@Observes Router router) {
        long jsonMax = config.limits().jsonBodyMaxBytes().asLongValue();
        long uploadMax = config.limits().uploadMaxBytes().asLongValue();
        BodyHandler jsonBodies = BodyHandler.create(false).setBodyLimit(jsonMax).setPreallocateBodyBuffer(false);
        router.route().order(ORDER).handler(ctx -> {
            boolean upload = ctx.request().method() == HttpMethod.PUT && STREAMED_UPLOAD.matcher(ctx.normalizedPath()).matches();
            long max = upload ? uploadMax : jsonMax;
            String declared = ctx.request().getHeader(HttpHeaderNames.CONTENT_LENGTH);
            if (declared != null) {
                long length;
                try {
                    length = Long.parseLong(declared.trim());
                } catch (NumberFormatException e) {
                    refuse(ctx, 400, "INVALID_REQUEST", "Content-Length is not a number");
                    return;
                }
                if (length > max) {
                    refuseTooLarge(ctx, upload, max);
                    return;
                }
            }
            boolean chunked = ctx.request().getHeader(HttpHeaderNames.TRANSFER_ENCODING) != null;
            if (ctx.request().isEnded() || !chunked && (declared == null || "0".equals(declared.trim()))) {
                // no body to bound (and a body handler would wait for an end that has already passed)
                ctx.next();
            } else if (upload) {
                // a chunked upload: the resource counts its bytes (UploadSpool); this is the stream's own backstop
                ctx.put(VertxHttpRecorder.MAX_REQUEST_SIZE_KEY, max + 1);
                ctx.next();
            } else {
                jsonBodies.handle(ctx);
            }
        });
        router.route().order(ORDER).failureHandler(ctx -> {
            if (ctx.statusCode() == 413) {
                refuseTooLarge(ctx, false, jsonMax);
            } else {
                ctx.next();
            }
        });
        router.errorHandler(404, ctx -> refuse(ctx, 404, "NOT_FOUND", "no such resource: " + ctx.request().method() + " "
                + ctx.normalizedPath()));
        router.errorHandler(405, ctx -> refuse(ctx, 405, "METHOD_NOT_ALLOWED", ctx.request().method() + " is not allowed on "
                + ctx.normalizedPath()));
    }

    private void refuseTooLarge(RoutingContext ctx, boolean upload, long max) {
        if (upload) {
            refuse(ctx, 413, "UPLOAD_TOO_LARGE", "a streamed upload takes at most " + max + " bytes; upload large files "
                    + "to signed upload URLs (POST /v1/uploads), streamed through the upload gate");
        } else {
            refuse(ctx, 413, "BODY_TOO_LARGE", "a request body takes at most " + max + " bytes; files go to "
                    + "signed upload URLs (POST /v1/uploads), lists are capped");
        }
    }

    private void refuse(RoutingContext ctx, int status, String code, String message) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.headWritten()) {
            return;
        }
        String body;
        try {
            body = json.writeValueAsString(new ErrorMappers.Error(code, message));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        response.setStatusCode(status).putHeader(HttpHeaderNames.CONTENT_TYPE, "application/json");
        if (status == 413) {
            // the rest of the body is not read: the connection cannot carry another request
            response.putHeader(HttpHeaderNames.CONNECTION, "close");
        }
        response.end(body);
    }
}
