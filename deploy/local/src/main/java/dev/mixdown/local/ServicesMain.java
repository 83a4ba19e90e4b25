package dev.mixdown.local;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The services process of the local cluster: PostgreSQL, a Kafka broker and S3Proxy, all keeping
 * their data under one folder, until SIGTERM. Arguments: DATA_DIR PG_PORT KAFKA_PORT CONTROLLER_PORT
 * S3_PORT. Writes {@code DATA_DIR/services.ready} once everything accepts connections.
 */
public final class ServicesMain {
    private ServicesMain() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        Path ready = data.resolve("services.ready");
        Files.deleteIfExists(ready);
        EmbeddedDatabase db = new EmbeddedDatabase(data.resolve("postgres"), Integer.parseInt(args[1])).start();
        EmbeddedKafka kafka = new EmbeddedKafka(data.resolve("kafka"), Integer.parseInt(args[2]), Integer.parseInt(args[3]), 4).start();
        EmbeddedS3 s3 = new EmbeddedS3(data.resolve("objects"), Integer.parseInt(args[4]), ClusterLayout.S3_ACCESS_KEY,
                ClusterLayout.S3_SECRET_KEY).start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.deleteIfExists(ready);
                s3.close();
                kafka.close();
                db.close();
            } catch (Exception e) {
                System.err.println("services: error while stopping: " + e);
            }
        }, "services-stop"));
        Files.writeString(ready, "ready");
        Thread.currentThread().join();
    }
}
