package dev.mixdown.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mixdown.dsp.io.AudioFiles;
import dev.mixdown.dsp.io.AudioSink;
import dev.mixdown.dsp.io.OutputFormat;
import dev.mixdown.local.ListeningSockets;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole local cluster as a user runs it: {@code up}, {@code submit}, {@code down} and
 * {@code up} again on the same data folder, each process a real JVM (PostgreSQL, Kafka and
 * S3Proxy in the services process, the gateway, the workers). Runs on ports of its own, so a
 * developer's cluster on the default ports is left alone.
 */
@DisplayName("The local cluster across down and up")
class LocalClusterIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;
    Path data;

    @AfterEach
    void stop() {
        if (data != null) {
            CliRun.of("down", "--data", data.toString());
        }
    }

    @Test
    @DisplayName("a job queued while no worker runs finishes after down and up, a corrupt file fails naming the user's file, and the master is served byte for byte after another down and up")
    void jobsAndFilesSurviveDownAndUp() throws Exception {
        data = work.resolve("data");
        ports(data);
        Path song = work.resolve("song.wav");
        song(song);

        up(0);
        String key = Files.readString(data.resolve("api-key"));
        CliRun submitted = CliRun.of("submit", song.toString(), "--master", "apple-music", "--data", data.toString(), "--json");
        assertEquals(0, submitted.exit(), submitted.err());
        String id = JSON.readTree(submitted.out()).get(0).get("id").asText();
        ClusterClient client = client();
        String waiting = client.job(id).get("status").asText();
        assertTrue(List.of("QUEUED", "DISPATCHED").contains(waiting), "with no master worker the job waits, but it is " + waiting);

        down();
        up(1);
        assertEquals(key, Files.readString(data.resolve("api-key")), "up again keeps the first API key");
        assertListensOnLoopbackOnly();
        JsonNode done = waitFor(client(), id);
        assertEquals("SUCCEEDED", done.get("status").asText(), done.toString());
        assertEquals(1, done.get("attempt").asInt(), "the job ran once: " + done);
        JsonNode output = done.get("outputs").get(0);
        assertEquals(-16.0, output.get("integratedLufs").asDouble(), 0.1, "apple-music master: " + output);
        Path first = work.resolve("first.wav");
        client().download(output.get("url").asText(), first);

        // a corrupt file fails its own job, and the error names the user's file rather than the object key
        Path broken = work.resolve("broken.wav");
        Files.write(broken, "RIFF\u0000\u0000\u0000\u0000WAVEjunk".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        CliRun bad = CliRun.of("submit", broken.toString(), "--wait", "--out", work.resolve("out").toString(), "--data", data.toString());
        assertEquals(1, bad.exit(), bad.out() + bad.err());
        assertTrue(bad.out().contains("BAD_INPUT: " + broken), bad.out());

        down();
        up(0);
        JsonNode again = client().job(id);
        assertEquals("SUCCEEDED", again.get("status").asText());
        assertEquals(done.get("outputs").get(0).get("bytes").asLong(), again.get("outputs").get(0).get("bytes").asLong());
        Path second = work.resolve("second.wav");
        client().download(again.get("outputs").get(0).get("url").asText(), second);
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second), "the stored master is the same file after down and up");
    }

    /** Every port of the cluster (the services', the gateway's, each worker's health port) is bound to 127.0.0.1 only. */
    private void assertListensOnLoopbackOnly() throws IOException {
        java.util.Set<Integer> ports = new java.util.HashSet<>();
        java.util.Properties p = new java.util.Properties();
        try (var in = Files.newInputStream(data.resolve("cluster.properties"))) {
            p.load(in);
        }
        p.values().forEach(v -> ports.add(Integer.parseInt(v.toString().trim())));
        CliRun ps = CliRun.of("ps", "--data", data.toString(), "--json");
        for (JsonNode member : JSON.readTree(ps.out())) {
            if (member.hasNonNull("port")) {
                ports.add(member.get("port").asInt());
            }
        }
        List<ListeningSockets.Socket> sockets = ListeningSockets.on(ports);
        assertEquals(ports, sockets.stream().map(ListeningSockets.Socket::port).collect(java.util.stream.Collectors.toSet()),
                "every port listens: " + sockets);
        assertTrue(sockets.stream().allMatch(ListeningSockets.Socket::loopbackV4), "bound to 127.0.0.1 only: " + sockets);
    }

    private void up(int masterWorkers) {
        CliRun up = CliRun.of("up", "--data", data.toString(), "--mix-workers", "0", "--master-workers", String.valueOf(masterWorkers));
        assertEquals(0, up.exit(), "up failed: " + up.err() + up.out());
    }

    private void down() {
        CliRun down = CliRun.of("down", "--data", data.toString());
        assertEquals(0, down.exit(), "down failed: " + down.err() + down.out());
    }

    private ClusterClient client() throws IOException {
        return new ClusterClient(LocalCluster.gatewayUrl(data), LocalCluster.apiKey(data));
    }

    private static JsonNode waitFor(ClusterClient client, String id) throws Exception {
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (true) {
            JsonNode job = client.job(id);
            String status = job.get("status").asText();
            if (List.of("SUCCEEDED", "FAILED", "CANCELLED").contains(status) || System.nanoTime() > deadline) {
                return job;
            }
            Thread.sleep(250);
        }
    }

    /** Ports of this test's own, written where the cluster reads them. */
    static void ports(Path data) throws IOException {
        Files.createDirectories(data);
        StringBuilder p = new StringBuilder();
        for (String name : List.of("postgres.port", "kafka.port", "controller.port", "s3.port", "gateway.port")) {
            try (ServerSocket s = new ServerSocket(0)) {
                p.append(name).append('=').append(s.getLocalPort()).append('\n');
            }
        }
        Files.writeString(data.resolve("cluster.properties"), p.toString());
    }

    /** Six seconds of a seeded, slowly swelling chord with a little noise, around -24 LUFS. */
    static void song(Path file) throws IOException {
        int rate = 44_100;
        int frames = rate * 6;
        float[][] x = new float[2][frames];
        Random noise = new Random(42);
        for (int i = 0; i < frames; i++) {
            double t = (double) i / rate;
            double env = 0.5 + 0.5 * Math.sin(2 * Math.PI * t / 3);
            double chord = Math.sin(2 * Math.PI * 220 * t) + 0.7 * Math.sin(2 * Math.PI * 277.2 * t) + 0.5 * Math.sin(2 * Math.PI * 329.6 * t);
            x[0][i] = (float) (0.04 * env * chord + 0.005 * noise.nextGaussian());
            x[1][i] = (float) (0.04 * env * chord + 0.005 * noise.nextGaussian());
        }
        try (AudioSink s = AudioFiles.create(file, new OutputFormat(OutputFormat.Container.WAV, rate, 2, OutputFormat.BitDepth.PCM_24))) {
            s.write(x, 0, frames);
        }
    }
}
