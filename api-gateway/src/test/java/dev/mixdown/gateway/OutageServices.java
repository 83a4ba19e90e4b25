package dev.mixdown.gateway;

import dev.mixdown.local.EmbeddedDatabase;
import dev.mixdown.local.EmbeddedKafka;
import dev.mixdown.local.EmbeddedS3;
import dev.mixdown.local.TestServices;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The embedded PostgreSQL, Kafka and S3Proxy, kept at hand so that a test can stop and start each
 * on its port and data folder, as an outage would; the gateway is pointed at them as with
 * {@link RealServices}.
 */
public class OutageServices implements QuarkusTestResourceLifecycleManager {
    static EmbeddedKafka kafka;
    static EmbeddedS3 s3;
    static EmbeddedDatabase db;
    static Path dir;

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("mixdown-outage-it-");
            db = new EmbeddedDatabase(dir.resolve("pg"), freePort(), "test-db-password").start();
            kafka = new EmbeddedKafka(dir.resolve("kafka"), freePort(), freePort(), 2).start();
            s3 = new EmbeddedS3(dir.resolve("s3"), freePort(), "mixdown", "mixdown-secret").start();
            RealServices.services = new TestServices.Embedded(kafka, s3, db);
            RealServices.dir = dir;
            return RealServices.gatewayConfig(RealServices.services);
        } catch (Exception e) {
            throw new IllegalStateException("could not start the services", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void stop() {
        new RealServices().stop();
    }
}
