package dev.mixdown.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one), in this JVM, with
 * its log on disk: topics and offsets survive a restart on the same folder. Both listeners bind
 * 127.0.0.1 only.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private final int partitions;
    private KafkaRaftServer server;

    /**
     * @param partitions default partitions of an auto-created topic: the most workers of one
     *                   kind that can share a lane
     */
    public EmbeddedKafka(Path dataDir, int port, int controllerPort, int partitions) {
        this.dataDir = dataDir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.partitions = partitions;
    }

    public String bootstrapServers() {
        return ClusterLayout.HOST + ":" + port;
    }

    public synchronized EmbeddedKafka start() throws IOException {
        Files.createDirectories(dataDir);
        Path logs = dataDir.resolve("logs");
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@" + ClusterLayout.HOST + ":" + controllerPort);
        p.put("listeners", "PLAINTEXT://" + ClusterLayout.HOST + ":" + port + ",CONTROLLER://" + ClusterLayout.HOST + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + ClusterLayout.HOST + ":" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logs.toString());
        p.put("num.partitions", String.valueOf(partitions));
        p.put("auto.create.topics.enable", "true");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("log.flush.interval.messages", "1");
        if (!Files.exists(logs.resolve("meta.properties"))) {
            Path config = dataDir.resolve("server.properties");
            try (OutputStream out = Files.newOutputStream(config)) {
                p.store(out, "mixdown embedded broker");
            }
            ByteArrayOutputStream said = new ByteArrayOutputStream();
            int rc = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()},
                    new PrintStream(said, true, StandardCharsets.UTF_8));
            if (rc != 0) {
                throw new IOException("could not format the Kafka log in " + logs + ": " + said.toString(StandardCharsets.UTF_8));
            }
        }
        server = new KafkaRaftServer(new KafkaConfig(p, false), Time.SYSTEM);
        server.startup();
        return this;
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }
}
