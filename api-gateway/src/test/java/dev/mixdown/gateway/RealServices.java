package dev.mixdown.gateway;

import dev.mixdown.local.EmbeddedDatabase;
import dev.mixdown.local.EmbeddedKafka;
import dev.mixdown.local.EmbeddedS3;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;

/** Starts a real PostgreSQL, Kafka broker and S3Proxy before the gateway boots, and points it at them. */
public class RealServices implements QuarkusTestResourceLifecycleManager {
    public static final String KEY_A = "test-key-tenant-local";
    static EmbeddedKafka kafka;
    static EmbeddedS3 s3;
    static EmbeddedDatabase db;
    static Path dir;

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("mixdown-gateway-it-");
            db = new EmbeddedDatabase(dir.resolve("pg"), freePort()).start();
            kafka = new EmbeddedKafka(dir.resolve("kafka"), freePort(), freePort(), 2).start();
            s3 = new EmbeddedS3(dir.resolve("s3"), freePort(), "mixdown", "mixdown-secret").start();
            return Map.of(
                    "quarkus.datasource.jdbc.url", db.jdbcUrl(),
                    "quarkus.datasource.username", "postgres",
                    "quarkus.datasource.password", "postgres",
                    "mixdown.kafka.bootstrap", kafka.bootstrapServers(),
                    "mixdown.storage.endpoint", s3.endpoint(),
                    "mixdown.storage.access-key", s3.accessKey(),
                    "mixdown.storage.secret-key", s3.secretKey(),
                    "mixdown.bootstrap-api-key", KEY_A,
                    "quarkus.http.test-port", "0");
        } catch (Exception e) {
            throw new IllegalStateException("could not start the services", e);
        }
    }

    @Override
    public void stop() {
        try {
            s3.close();
            kafka.close();
            db.close();
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
