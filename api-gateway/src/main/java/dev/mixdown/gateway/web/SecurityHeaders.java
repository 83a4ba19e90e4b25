package dev.mixdown.gateway.web;

import dev.mixdown.gateway.config.GatewayConfig;
import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;

/**
 * Headers on every answer of the gateway but the Quarkus tools under {@code /q/} (Swagger UI
 * needs inline scripts): a strict Content-Security-Policy for the web app (scripts, styles and
 * API calls only from the gateway itself; audio and plot images also from the object store,
 * whose presigned URLs the player and the result page use), no framing, no MIME sniffing, and
 * no Referer, so a presigned URL never leaks to another site.
 */
@ApplicationScoped
public class SecurityHeaders {
    public static final String CSP = "Content-Security-Policy";

    @Inject
    GatewayConfig config;

    /** The policy, with {@code store} (scheme, host and port of the object store) allowed for media and images. */
    public static String policy(String store) {
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' " + store + "; media-src 'self' " + store
                + "; connect-src 'self'; font-src 'self'; manifest-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    }

    /** Scheme, host and port of a URL, the form a CSP source takes. */
    static String origin(String url) {
        URI u = URI.create(url.trim());
        if (u.getScheme() == null || u.getHost() == null) {
            throw new IllegalArgumentException("mixdown.storage.endpoint is not an absolute URL: " + url);
        }
        return u.getScheme() + "://" + u.getHost() + (u.getPort() == -1 ? "" : ":" + u.getPort());
    }

    void register(@Observes Filters filters) {
        String policy = policy(origin(config.storage().endpoint()));
        filters.register(ctx -> {
            if (!ctx.normalizedPath().startsWith("/q/")) {
                ctx.response().headers()
                        .set(CSP, policy)
                        .set("X-Content-Type-Options", "nosniff")
                        .set("X-Frame-Options", "DENY")
                        .set("Referrer-Policy", "no-referrer");
            }
            ctx.next();
        }, 100);
    }
}
