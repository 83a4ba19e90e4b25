package dev.mixdown.gateway;

import dev.mixdown.local.TestServices;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;

/**
 * Starts a real PostgreSQL, Kafka broker and object store before the gateway boots (containers
 * when Docker is there, the embedded ones otherwise), and points the gateway at them.
 */
public class RealServices implements QuarkusTestResourceLifecycleManager {
    public static final String KEY_A = "test-key-tenant-local";
    static TestServices services;
    static Path dir;

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("mixdown-gateway-it-");
            services = TestServices.start(dir, true);
            return gatewayConfig(services);
        } catch (Exception e) {
            throw new IllegalStateException("could not start the services", e);
        }
    }

    /** Points the gateway at {@code services}, with the test tenant's key and a random port. */
    static Map<String, String> gatewayConfig(TestServices services) {
        return Map.of(
                "quarkus.datasource.jdbc.url", services.jdbcUrl(),
                "quarkus.datasource.username", services.dbUser(),
                "quarkus.datasource.password", services.dbPassword(),
                "mixdown.kafka.bootstrap", services.kafkaBootstrap(),
                "mixdown.storage.endpoint", services.s3Endpoint(),
                "mixdown.storage.access-key", services.s3AccessKey(),
                "mixdown.storage.secret-key", services.s3SecretKey(),
                "mixdown.bootstrap-api-key", KEY_A,
                "quarkus.http.test-port", "0");
    }

    @Override
    public void stop() {
        try {
            services.close();
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
