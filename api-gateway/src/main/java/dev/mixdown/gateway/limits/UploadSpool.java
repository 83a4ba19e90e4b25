package dev.mixdown.gateway.limits;

import dev.mixdown.gateway.config.GatewayConfig;
import dev.mixdown.gateway.errors.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The gateway's temporary disk for streamed uploads, shared fairly: every byte received counts
 * against the uploading tenant and the gateway as a whole while it sits here, and an upload
 * that would pass the per-file cap, the tenant's share or the total is refused as it arrives.
 * Bytes are released when the spooled file is handed to the store and deleted.
 */
@ApplicationScoped
public class UploadSpool {
    private static final int CHUNK = 64 * 1024;

    @Inject
    GatewayConfig config;

    private final Map<String, Long> byTenant = new HashMap<>();
    private long total;

    /** A received upload on local disk; closing it deletes the file and gives its bytes back to the tenant. */
    public final class Spooled implements AutoCloseable {
        private final String tenantId;
        private final Path file;
        private long bytes;

        private Spooled(String tenantId, Path file) {
            this.tenantId = tenantId;
            this.file = file;
        }

        public Path file() {
            return file;
        }

        @Override
        public void close() {
            release(tenantId, bytes);
            bytes = 0;
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Copies {@code body} to a temporary file, counting each chunk against the tenant before writing it. */
    public Spooled receive(String tenantId, InputStream body) throws IOException {
        long max = config.limits().uploadMaxBytes().asLongValue();
        Spooled spooled = new Spooled(tenantId, Files.createTempFile("mixdown-upload-", ".bin"));
        try (OutputStream out = Files.newOutputStream(spooled.file)) {
            byte[] buffer = new byte[CHUNK];
            int n;
            while ((n = body.read(buffer)) >= 0) {
                if (spooled.bytes + n > max) {
                    throw new ApiException(413, "UPLOAD_TOO_LARGE", "a streamed upload takes at most " + max
                            + " bytes; upload large files to signed upload URLs (POST /v1/uploads), streamed to the store without spooling");
                }
                reserve(tenantId, n);
                spooled.bytes += n;
                out.write(buffer, 0, n);
            }
            return spooled;
        } catch (IOException | RuntimeException e) {
            spooled.close();
            throw e;
        }
    }

    /** Bytes the tenant has in this gateway's spool now. */
    public synchronized long spooled(String tenantId) {
        return byTenant.getOrDefault(tenantId, 0L);
    }

    private synchronized void reserve(String tenantId, long n) {
        long tenantMax = config.limits().uploadSpoolPerTenantBytes().asLongValue();
        long totalMax = config.limits().uploadSpoolTotalBytes().asLongValue();
        long mine = byTenant.getOrDefault(tenantId, 0L);
        if (mine + n > tenantMax || total + n > totalMax) {
            throw new ApiException(429, "UPLOAD_SPOOL_FULL", (mine + n > tenantMax
                    ? "your streamed uploads in progress hold " + mine + " bytes of the " + tenantMax + " you may spool here"
                    : "the gateway's upload spool is full") + "; wait for them to finish, or upload to presigned URLs "
                    + "(POST /v1/uploads), streamed to the store without spooling");
        }
        byTenant.put(tenantId, mine + n);
        total += n;
    }

    private synchronized void release(String tenantId, long n) {
        if (n == 0) {
            return;
        }
        long left = byTenant.getOrDefault(tenantId, 0L) - n;
        if (left <= 0) {
            byTenant.remove(tenantId);
        } else {
            byTenant.put(tenantId, left);
        }
        total -= n;
    }
}
