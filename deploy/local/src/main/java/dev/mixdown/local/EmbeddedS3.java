package dev.mixdown.local;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/**
 * S3Proxy serving the S3 API over a folder of the local filesystem, with SigV2/V4 authentication,
 * so the MinIO SDK (and presigned URLs) work against it exactly as against MinIO. It listens on
 * 127.0.0.1 only (S3Proxy binds the endpoint's host).
 */
public final class EmbeddedS3 implements AutoCloseable {
    private final Path dataDir;
    private final int port;
    private final String accessKey;
    private final String secretKey;
    private S3Proxy proxy;

    public EmbeddedS3(Path dataDir, int port, String accessKey, String secretKey) {
        this.dataDir = dataDir;
        this.port = port;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    public String endpoint() {
        return "http://" + ClusterLayout.HOST + ":" + port;
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    public synchronized EmbeddedS3 start() throws Exception {
        Files.createDirectories(dataDir);
        proxy = S3Proxy.builder()
                .blobStore(new FilesystemNio2BlobStore(dataDir.toString()))
                .endpoint(URI.create(endpoint()))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .build();
        proxy.start();
        long deadline = System.currentTimeMillis() + 10_000;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.currentTimeMillis() > deadline) {
                throw new IOException("S3Proxy did not start on " + endpoint() + " (state " + proxy.getState() + ")");
            }
            Thread.sleep(20);
        }
        return this;
    }

    @Override
    public synchronized void close() throws Exception {
        if (proxy != null) {
            proxy.stop();
            proxy = null;
        }
    }
}
