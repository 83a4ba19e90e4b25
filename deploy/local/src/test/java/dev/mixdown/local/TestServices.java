package dev.mixdown.local;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.MinIOContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The real services an integration test needs: Testcontainers' Kafka, MinIO and PostgreSQL when a
 * Docker engine answers, otherwise the embedded Kafka broker, S3Proxy and PostgreSQL binaries from
 * Maven. {@code MIXDOWN_TEST_SERVICES=embedded} or {@code =containers} forces one.
 */
public interface TestServices extends AutoCloseable {

    /** "containers" or "embedded". */
    String kind();

    String kafkaBootstrap();

    String s3Endpoint();

    String s3AccessKey();

    String s3SecretKey();

    /** JDBC URL, or null when started without a database. */
    String jdbcUrl();

    String dbUser();

    String dbPassword();

    static TestServices start(Path dir, boolean withDatabase) throws Exception {
        String forced = System.getenv().getOrDefault("MIXDOWN_TEST_SERVICES", "");
        boolean docker = switch (forced) {
            case "embedded" -> false;
            case "containers" -> true;
            default -> dockerAvailable();
        };
        return docker ? Containers.start(withDatabase) : Embedded.start(dir, withDatabase);
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @Override
    void close() throws Exception;

    /** Kafka, S3Proxy and PostgreSQL in this JVM. */
    record Embedded(EmbeddedKafka kafka, EmbeddedS3 s3, EmbeddedDatabase db) implements TestServices {
        static Embedded start(Path dir, boolean withDatabase) throws Exception {
            EmbeddedDatabase db = withDatabase ? new EmbeddedDatabase(dir.resolve("pg"), freePort(), "test-db-password").start() : null;
            EmbeddedKafka kafka = new EmbeddedKafka(dir.resolve("kafka"), freePort(), freePort(), 2).start();
            EmbeddedS3 s3 = new EmbeddedS3(dir.resolve("s3"), freePort(), "mixdown", "mixdown-secret").start();
            return new Embedded(kafka, s3, db);
        }

        @Override
        public String kind() {
            return "embedded";
        }

        @Override
        public String kafkaBootstrap() {
            return kafka.bootstrapServers();
        }

        @Override
        public String s3Endpoint() {
            return s3.endpoint();
        }

        @Override
        public String s3AccessKey() {
            return s3.accessKey();
        }

        @Override
        public String s3SecretKey() {
            return s3.secretKey();
        }

        @Override
        public String jdbcUrl() {
            return db == null ? null : db.jdbcUrl();
        }

        @Override
        public String dbUser() {
            return db == null ? null : db.user();
        }

        @Override
        public String dbPassword() {
            return db == null ? null : db.password();
        }

        @Override
        public void close() throws Exception {
            s3.close();
            kafka.close();
            if (db != null) {
                db.close();
            }
        }
    }

    /** Testcontainers' Kafka, MinIO and PostgreSQL. */
    record Containers(KafkaContainer kafka, MinIOContainer minio, PostgreSQLContainer postgres) implements TestServices {
        static Containers start(boolean withDatabase) {
            KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.1")
                    .withEnv("KAFKA_NUM_PARTITIONS", "2");
            MinIOContainer minio = new MinIOContainer("minio/minio:latest").withUserName("mixdown").withPassword("mixdown-secret");
            PostgreSQLContainer postgres = withDatabase ? new PostgreSQLContainer("postgres:17") : null;
            kafka.start();
            minio.start();
            if (postgres != null) {
                postgres.start();
            }
            return new Containers(kafka, minio, postgres);
        }

        @Override
        public String kind() {
            return "containers";
        }

        @Override
        public String kafkaBootstrap() {
            return kafka.getBootstrapServers();
        }

        @Override
        public String s3Endpoint() {
            return minio.getS3URL();
        }

        @Override
        public String s3AccessKey() {
            return minio.getUserName();
        }

        @Override
        public String s3SecretKey() {
            return minio.getPassword();
        }

        @Override
        public String jdbcUrl() {
            return postgres == null ? null : postgres.getJdbcUrl();
        }

        @Override
        public String dbUser() {
            return postgres == null ? null : postgres.getUsername();
        }

        @Override
        public String dbPassword() {
            return postgres == null ? null : postgres.getPassword();
        }

        @Override
        public void close() {
            if (postgres != null) {
                postgres.stop();
            }
            minio.stop();
            kafka.stop();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
