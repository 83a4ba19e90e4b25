package dev.mixdown.gateway.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Webhook signatures")
class WebhookSignatureTest {

    @Test
    @DisplayName("reproduce the Standard Webhooks reference vector, so receivers' stock libraries accept them")
    void referenceVector() {
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", WebhookSignature.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, "{\"test\": 2432232314}"));
    }

    @Test
    @DisplayName("change with the body, the id and the timestamp")
    void coverEverySignedPart() {
        String secret = WebhookSignature.newSecret();
        String base = WebhookSignature.sign(secret, "id", 1, "{}");
        assertNotEquals(base, WebhookSignature.sign(secret, "id", 1, "{ }"));
        assertNotEquals(base, WebhookSignature.sign(secret, "id2", 1, "{}"));
        assertNotEquals(base, WebhookSignature.sign(secret, "id", 2, "{}"));
    }

    @Test
    @DisplayName("use new secrets of whsec_ and base64 of 32 random bytes, a different one each time")
    void secrets() {
        String a = WebhookSignature.newSecret();
        assertTrue(a.startsWith("whsec_"), a);
        assertEquals(32, Base64.getDecoder().decode(a.substring(6)).length);
        assertNotEquals(a, WebhookSignature.newSecret());
    }
}
