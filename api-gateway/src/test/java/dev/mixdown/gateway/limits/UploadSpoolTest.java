package dev.mixdown.gateway.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mixdown.gateway.config.GatewayConfig;
import dev.mixdown.gateway.errors.ApiException;
import io.quarkus.runtime.configuration.MemorySize;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Proxy;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The upload spool")
class UploadSpoolTest {
    /** Per file 1 MB, per tenant 1.5 MB, in all 2.5 MB. */
    private static UploadSpool spool() {
        GatewayConfig.Limits limits = (GatewayConfig.Limits) Proxy.newProxyInstance(UploadSpoolTest.class.getClassLoader(),
                new Class<?>[] {GatewayConfig.Limits.class}, (p, m, a) -> switch (m.getName()) {
                    case "uploadMaxBytes" -> new MemorySize(BigInteger.valueOf(1_000_000));
                    case "uploadSpoolPerTenantBytes" -> new MemorySize(BigInteger.valueOf(1_500_000));
                    case "uploadSpoolTotalBytes" -> new MemorySize(BigInteger.valueOf(2_500_000));
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        UploadSpool spool = new UploadSpool();
        spool.config = (GatewayConfig) Proxy.newProxyInstance(UploadSpoolTest.class.getClassLoader(), new Class<?>[] {GatewayConfig.class},
                (p, m, a) -> limits);
        return spool;
    }

    private static ByteArrayInputStream bytes(int n) {
        byte[] b = new byte[n];
        new Random(7).nextBytes(b);
        return new ByteArrayInputStream(b);
    }

    @Test
    @DisplayName("keeps a file under the cap on disk, counts it against its tenant while it is there, and frees it on close")
    void countsAndReleases() throws Exception {
        UploadSpool spool = spool();
        Path file;
        try (UploadSpool.Spooled s = spool.receive("a", bytes(900_000))) {
            file = s.file();
            assertEquals(900_000, Files.size(file));
            assertEquals(900_000, spool.spooled("a"));
        }
        assertFalse(Files.exists(file));
        assertEquals(0, spool.spooled("a"));
    }

    @Test
    @DisplayName("refuses a file over the per-file cap with 413 UPLOAD_TOO_LARGE, deleting what it had received")
    void perFileCap() {
        UploadSpool spool = spool();
        ApiException e = assertThrows(ApiException.class, () -> spool.receive("a", bytes(1_000_001)));
        assertEquals(413, e.status());
        assertEquals("UPLOAD_TOO_LARGE", e.code());
        assertEquals(0, spool.spooled("a"));
    }

    @Test
    @DisplayName("refuses a tenant's upload past its share with 429 UPLOAD_SPOOL_FULL while another tenant still uploads")
    void perTenantShare() throws Exception {
        UploadSpool spool = spool();
        try (UploadSpool.Spooled first = spool.receive("a", bytes(900_000))) {
            ApiException e = assertThrows(ApiException.class, () -> spool.receive("a", bytes(900_000)));
            assertEquals(429, e.status());
            assertEquals("UPLOAD_SPOOL_FULL", e.code());
            assertEquals(900_000, spool.spooled("a"), "the refused upload gave its bytes back");
            try (UploadSpool.Spooled other = spool.receive("b", bytes(900_000))) {
                assertEquals(900_000, spool.spooled("b"));
                ApiException full = assertThrows(ApiException.class, () -> spool.receive("c", bytes(900_000)));
                assertEquals("UPLOAD_SPOOL_FULL", full.code(), "the gateway's total is reached");
            }
        }
    }
}
