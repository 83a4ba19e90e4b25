package dev.mixdown.local;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The services process of the local cluster: PostgreSQL, a Kafka broker and S3Proxy, all keeping
 * their data under one folder and listening on 127.0.0.1, until SIGTERM. Argument: DATA_DIR (its
 * {@code cluster.properties} names the ports, its {@code secrets.properties} the credentials).
 * Writes {@code DATA_DIR/services.ready} once everything accepts connections.
 */
public final class ServicesMain {
    private ServicesMain() {
    }

    /** The three services of one data folder, running. */
    public record Services(EmbeddedDatabase db, EmbeddedKafka kafka, EmbeddedS3 s3) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            s3.close();
            kafka.close();
            db.close();
        }
    }

    /** Starts the services of a data folder on its ports, with its secrets (made on first use). */
    public static Services start(ClusterLayout layout) throws Exception {
        ClusterSecrets secrets = layout.secrets();
        Path data = layout.data();
        EmbeddedDatabase db = new EmbeddedDatabase(data.resolve("postgres"), layout.postgresPort(), secrets.dbPassword()).start();
        EmbeddedKafka kafka = new EmbeddedKafka(data.resolve("kafka"), layout.kafkaPort(), layout.controllerPort(), 4).start();
        EmbeddedS3 s3 = new EmbeddedS3(data.resolve("objects"), layout.s3Port(), secrets.s3AccessKey(), secrets.s3SecretKey()).start();
        return new Services(db, kafka, s3);
    }

    public static void main(String[] args) throws Exception {
        ClusterLayout layout = ClusterLayout.load(Path.of(args[0]));
        Path ready = layout.data().resolve("services.ready");
        Files.deleteIfExists(ready);
        Services services = start(layout);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.deleteIfExists(ready);
                services.close();
            } catch (Exception e) {
                System.err.println("services: error while stopping: " + e);
            }
        }, "services-stop"));
        Files.writeString(ready, "ready");
        Thread.currentThread().join();
    }
}
