package dev.mixdown.worker.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixdown.dsp.io.AudioFiles;
import dev.mixdown.dsp.io.AudioSink;
import dev.mixdown.dsp.io.OutputFormat;
import dev.mixdown.jobs.contracts.DeliverableSpec;
import dev.mixdown.jobs.contracts.JobEvent;
import dev.mixdown.jobs.contracts.JobKind;
import dev.mixdown.jobs.contracts.JobMessage;
import dev.mixdown.jobs.contracts.Lane;
import dev.mixdown.jobs.contracts.ObjectKeys;
import dev.mixdown.jobs.contracts.TargetSpec;
import dev.mixdown.jobs.storage.ObjectStorage;
import dev.mixdown.local.KafkaJobClient;
import dev.mixdown.local.TestServices;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A worker process killed mid-job: the job goes to another worker process and succeeds exactly once. */
@DisplayName("Killed worker")
class KilledWorkerIT {


    private static Process worker(String id, TestServices services, Path dir) throws IOException {
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
        ProcessBuilder pb = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx512m", "-jar", jar.toString());
        pb.environment().put("MIXDOWN_KAFKA_BOOTSTRAP", services.kafkaBootstrap());
        pb.environment().put("MIXDOWN_S3_ENDPOINT", services.s3Endpoint());
        pb.environment().put("MIXDOWN_S3_ACCESS_KEY", services.s3AccessKey());
        pb.environment().put("MIXDOWN_S3_SECRET_KEY", services.s3SecretKey());
        pb.environment().put("MIXDOWN_WORKER_ID", id);
        pb.environment().put("MIXDOWN_WORK_DIR", dir.resolve("work-" + id).toString());
        pb.environment().put("MIXDOWN_SESSION_TIMEOUT_MS", "6000");
        pb.redirectErrorStream(true).redirectOutput(dir.resolve(id + ".log").toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        return pb.start();
    }

    @Test
    @DisplayName("the job goes to another worker and succeeds exactly once")
    void killedMidJob() throws Exception {
        Path dir = Files.createTempDirectory("mixdown-killed-it-");
        Process first = null;
        Process second = null;
        try (TestServices services = TestServices.start(dir, false);
                ObjectStorage storage = new ObjectStorage(services.s3Endpoint(), services.s3AccessKey(), services.s3SecretKey(), "mixdown");
                KafkaJobClient client = new KafkaJobClient(services.kafkaBootstrap())) {
            storage.ensureBucket();
            // a long input (5 minutes at 96 kHz) so the first worker is surely mid-job when it dies
            Path in = dir.resolve("long.wav");
            int rate = 96_000;
            float[][] block = new float[2][rate];
            try (AudioSink s = AudioFiles.create(in, new OutputFormat(OutputFormat.Container.WAV, rate, 2, OutputFormat.BitDepth.PCM_24))) {
                for (int sec = 0; sec < 300; sec++) {
                    for (int i = 0; i < rate; i++) {
                        double t = sec + (double) i / rate;
                        block[0][i] = block[1][i] = (float) (0.3 * Math.sin(2 * Math.PI * 110 * t) * (0.6 + 0.4 * Math.sin(t)));
                    }
                    s.write(block, 0, rate);
                }
            }
            String key = ObjectKeys.upload("acme", UUID.randomUUID().toString(), "long.wav");
            storage.upload(in, key);
            JobMessage job = new JobMessage(JobMessage.SCHEMA_VERSION, UUID.randomUUID().toString(), "acme", JobKind.MASTER,
                    Lane.INTERACTIVE, 1, key, null,
                    List.of(new DeliverableSpec("out.flac", "flac", 48_000, "16", TargetSpec.named("spotify"))), null, null, null,
                    Instant.now().toString());

            first = worker("first", services, dir);
            client.submit(job);
            long end = System.currentTimeMillis() + 60_000;
            while (System.currentTimeMillis() < end && client.events().stream()
                    .noneMatch(e -> e.jobId().equals(job.jobId()) && e.type() == JobEvent.Type.PROGRESS && e.percent() != null && e.percent() > 5)) {
                try {
                    client.awaitFinal(job.jobId(), Duration.ofMillis(300));
                } catch (AssertionError notYet) {
                    // keep polling events
                }
            }
            assertTrue(client.events().stream().anyMatch(e -> e.jobId().equals(job.jobId()) && e.workerId().startsWith("first")),
                    "the first worker took the job");
            first.destroyForcibly().waitFor();

            second = worker("second", services, dir);
            JobEvent done = client.awaitFinal(job.jobId(), Duration.ofSeconds(240));
            assertEquals(JobEvent.Type.SUCCEEDED, done.type(), String.valueOf(done.error()));
            assertTrue(done.workerId().startsWith("second"), "finished by the second worker: " + done.workerId());
            assertEquals(-14.0, done.outputs().get(0).integratedLufs(), 0.1);
            long succeeded = client.events().stream().filter(e -> e.jobId().equals(job.jobId()) && e.type() == JobEvent.Type.SUCCEEDED).count();
            assertEquals(1, succeeded, "succeeded exactly once");
            assertTrue(storage.exists(done.outputs().get(0).key()));
        } finally {
            if (first != null) {
                first.destroyForcibly();
            }
            if (second != null) {
                second.destroy();
                second.waitFor();
            }
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
