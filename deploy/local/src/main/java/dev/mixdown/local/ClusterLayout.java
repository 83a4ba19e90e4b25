package dev.mixdown.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Where the local cluster keeps things under its data folder, and its fixed ports (chosen once,
 * then reused, so jobs and files survive {@code down} and {@code up} with the same folder). Every
 * port is bound on 127.0.0.1 ({@link #HOST}) only: nothing of the cluster is reachable from
 * another machine. Its credentials are {@link ClusterSecrets}.
 */
public record ClusterLayout(Path data, int postgresPort, int kafkaPort, int controllerPort, int s3Port, int gatewayPort) {
    /** The one address every service of the local cluster listens on. */
    public static final String HOST = "127.0.0.1";

    /** Reads {@code cluster.properties}, or picks defaults and writes it on first use. */
    public static ClusterLayout load(Path data) throws IOException {
        Files.createDirectories(data);
        Path file = data.resolve("cluster.properties");
        Properties p = new Properties();
        if (Files.exists(file)) {
            try (var in = Files.newInputStream(file)) {
                p.load(in);
            }
        } else {
            p.setProperty("postgres.port", "15432");
            p.setProperty("kafka.port", "19092");
            p.setProperty("controller.port", "19093");
            p.setProperty("s3.port", "19000");
            p.setProperty("gateway.port", "18080");
            try (var out = Files.newOutputStream(file)) {
                p.store(out, "ports of the local Mixdown cluster");
            }
        }
        return new ClusterLayout(data, Integer.parseInt(p.getProperty("postgres.port")), Integer.parseInt(p.getProperty("kafka.port")),
                Integer.parseInt(p.getProperty("controller.port")), Integer.parseInt(p.getProperty("s3.port")),
                Integer.parseInt(p.getProperty("gateway.port")));
    }

    public Path processesFile() {
        return data.resolve("processes.json");
    }

    public ClusterSecrets secrets() throws IOException {
        return ClusterSecrets.load(data);
    }

    public Path apiKeyFile() {
        return data.resolve("api-key");
    }

    /** The operator's key (the gateway's /admin API), owner-only like the API key. */
    public Path adminKeyFile() {
        return data.resolve("admin-key");
    }

    public Path logs() {
        return data.resolve("logs");
    }

    public String gatewayUrl() {
        return "http://" + HOST + ":" + gatewayPort;
    }

    public String s3Endpoint() {
        return "http://" + HOST + ":" + s3Port;
    }

    public String kafkaBootstrap() {
        return HOST + ":" + kafkaPort;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + HOST + ":" + postgresPort + "/postgres";
    }
}
