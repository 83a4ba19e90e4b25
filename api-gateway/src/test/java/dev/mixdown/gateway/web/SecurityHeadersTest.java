package dev.mixdown.gateway.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("The web app's Content-Security-Policy")
class SecurityHeadersTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"http://127.0.0.1:9000, http://127.0.0.1:9000", "https://store.example.com/, https://store.example.com",
            "https://minio.internal:9443/bucket/path?x=1, https://minio.internal:9443"})
    @DisplayName("the store is allowed by its origin alone (scheme, host, port), whatever path its endpoint has")
    void origin(String endpoint, String origin) {
        assertEquals(origin, SecurityHeaders.origin(endpoint));
    }

    @Test
    @DisplayName("a store endpoint that is not an absolute URL is refused at start, naming the setting")
    void notAbsolute() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SecurityHeaders.origin("store:9000"));
        assertTrue(e.getMessage().contains("mixdown.storage.endpoint"), e.getMessage());
    }

    @Test
    @DisplayName("scripts, styles and connections come only from the gateway; nothing is inline or evaluated; no framing")
    void strict() {
        String p = SecurityHeaders.policy("http://127.0.0.1:9000");
        assertTrue(p.startsWith("default-src 'none';"), p);
        assertTrue(p.contains("script-src 'self';") && p.contains("style-src 'self';") && p.contains("connect-src 'self';"), p);
        assertTrue(p.contains("media-src 'self' http://127.0.0.1:9000;") && p.contains("img-src 'self' http://127.0.0.1:9000;"), p);
        assertTrue(p.contains("frame-ancestors 'none'") && p.contains("base-uri 'none'"), p);
        assertFalse(p.contains("unsafe") || p.contains("*") || p.contains("data:"), p);
    }
}
