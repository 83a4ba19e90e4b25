package dev.mixdown.gateway.storage;

import dev.mixdown.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The upload URLs the gateway hands to tenants: {@code PUT /gate/{key}?expires=…&signature=…} on
 * the gateway itself, where {@link UploadGate} streams the body to exactly that key. The signature
 * is an HMAC-SHA256 over the method, the key and the expiry, with a key derived from the store's
 * secret, so every gateway replica signs and checks alike and nothing new has to be configured.
 * See ADR 0007 for why the store's own presigned PUT URLs are not handed out.
 */
@ApplicationScoped
public class UploadUrls {
    static final String PATH = "gate/";
    private final byte[] signingKey;
    private final int seconds;
    private final Clock clock;

    @Inject
    public UploadUrls(GatewayConfig config) {
        this(config.storage().secretKey(), config.storage().urlSeconds(), Clock.systemUTC());
    }

    UploadUrls(String storeSecret, int seconds, Clock clock) {
        this.signingKey = hmac(storeSecret.getBytes(StandardCharsets.UTF_8), "mixdown upload URLs v1");
        this.seconds = seconds;
        this.clock = clock;
    }

    /** The URL, on the gateway reached at {@code base}, that lets its holder PUT {@code key} until it expires. */
    public String uploadUrl(URI base, String key) {
        long expires = clock.instant().getEpochSecond() + seconds;
        StringBuilder path = new StringBuilder(PATH);
        for (String segment : key.split("/")) {
            path.append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20")).append('/');
        }
        path.setLength(path.length() - 1);
        String root = base.toString().endsWith("/") ? base.toString() : base + "/";
        return root + path + "?expires=" + expires + "&signature=" + signature(key, expires);
    }

    /** Why a PUT to {@code key} with these query parameters is refused, or null when it is allowed. */
    public String refusal(String key, long expires, String signature) {
        if (signature == null || !MessageDigest.isEqual(signature(key, expires).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII))) {
            return "the URL's signature does not match: use the URL exactly as POST /v1/uploads gave it";
        }
        if (clock.instant().getEpochSecond() > expires) {
            return "the URL expired: ask POST /v1/uploads for a new one";
        }
        return null;
    }

    private String signature(String key, long expires) {
        return HexFormat.of().formatHex(hmac(signingKey, "PUT\n" + key + "\n" + expires));
    }

    private static byte[] hmac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
