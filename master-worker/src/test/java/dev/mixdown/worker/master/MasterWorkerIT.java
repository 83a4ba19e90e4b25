package dev.mixdown.worker.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixdown.dsp.analysis.LoudnessAnalyzer;
import dev.mixdown.dsp.analysis.LoudnessSummary;
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
import dev.mixdown.jobs.contracts.Topics;
import dev.mixdown.jobs.storage.ObjectStorage;
import dev.mixdown.jobs.worker.WorkerRuntime;
import dev.mixdown.local.KafkaJobClient;
import dev.mixdown.local.TestServices;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The master worker against a real Kafka broker (KRaft) and S3Proxy, spoken to with the MinIO SDK. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Master worker on real Kafka and S3 (containers with Docker, embedded without)")
class MasterWorkerIT {
    static final String TENANT = "acme";

    Path dir;
    TestServices services;
    ObjectStorage storage;
    KafkaJobClient client;

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("mixdown-master-it-");
        services = TestServices.start(dir, false);
        storage = new ObjectStorage(services.s3Endpoint(), services.s3AccessKey(), services.s3SecretKey(), "mixdown");
        storage.ensureBucket();
        client = new KafkaJobClient(services.kafkaBootstrap());
    }

    @AfterAll
    void stop() throws Exception {
        client.close();
        storage.close();
        services.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private WorkerRuntime worker(String id, ObjectStorage store, int maxAttempts) {
        return worker(id, store, maxAttempts, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    }

    private WorkerRuntime worker(String id, ObjectStorage store, int maxAttempts, io.micrometer.core.instrument.MeterRegistry metrics) {
        return worker(id, store, maxAttempts, Duration.ofMillis(200), metrics);
    }

    private WorkerRuntime worker(String id, ObjectStorage store, int maxAttempts, Duration backoff,
            io.micrometer.core.instrument.MeterRegistry metrics) {
        return new WorkerRuntime(new WorkerRuntime.Config(services.kafkaBootstrap(), "master-workers", JobKind.MASTER, id, maxAttempts,
                Duration.ofMinutes(5), Duration.ofSeconds(30), backoff, backoff.multipliedBy(10), dir.resolve("work-" + id)),
                new MasterJobProcessor(), store, metrics);
    }

    private java.time.Instant startedAt(String jobId, int attempt) {
        return client.events().stream().filter(e -> e.jobId().equals(jobId) && e.attempt() == attempt && e.type() == JobEvent.Type.STARTED)
                .map(e -> java.time.Instant.parse(e.at())).findFirst().orElseThrow(() -> new AssertionError("no start of " + jobId + " attempt " + attempt));
    }

    @Test
    @DisplayName("a retry waiting out its backoff holds no slot: a job submitted after the failure runs before the retry, which waits its full backoff")
    void backoffHoldsNoSlot() throws Exception {
        String input = uploadSong("waiting.wav");
        ObjectStorage unreachable = new ObjectStorage("http://127.0.0.1:" + freePort(), "x", "y", "mixdown");
        WorkerRuntime w = worker("w3", unreachable, 2, Duration.ofSeconds(4), new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        Thread t = new Thread(w, "worker-w3");
        t.start();
        try {
            JobMessage first = submit(input);
            long end = System.currentTimeMillis() + 60_000;
            while (System.currentTimeMillis() < end && client.events().stream().noneMatch(e -> e.jobId().equals(first.jobId())
                    && e.type() == JobEvent.Type.FAILED && e.error().retryable())) {
                try {
                    client.awaitFinal(first.jobId(), Duration.ofMillis(200));
                } catch (AssertionError notYet) {
                    // keep reading events
                }
            }
            JobMessage second = submit(input);
            terminal(first.jobId(), Duration.ofSeconds(60));
            terminal(second.jobId(), Duration.ofSeconds(60));
            java.time.Instant failed = client.events().stream().filter(e -> e.jobId().equals(first.jobId())
                    && e.type() == JobEvent.Type.FAILED && e.error().retryable()).map(e -> java.time.Instant.parse(e.at())).findFirst().orElseThrow();
            assertTrue(startedAt(second.jobId(), 1).isBefore(startedAt(first.jobId(), 2)),
                    "the one slot ran the second job while the first job's retry waited");
            assertTrue(Duration.between(failed, startedAt(first.jobId(), 2)).toMillis() >= 3_900, "the retry waited its 4 s backoff");
        } finally {
            w.stop();
            t.join(30_000);
            unreachable.close();
        }
    }

    private String upload(String name, byte[] bytes) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, bytes);
        String key = ObjectKeys.upload(TENANT, UUID.randomUUID().toString(), name);
        storage.upload(f, key);
        return key;
    }

    private String uploadSong(String name) throws IOException {
        Path f = dir.resolve(name);
        int rate = 44_100;
        int frames = rate * 8;
        float[][] x = new float[2][frames];
        for (int i = 0; i < frames; i++) {
            double t = (double) i / rate;
            x[0][i] = (float) (0.2 * Math.sin(2 * Math.PI * 110 * t) * Math.exp(-(t % 0.5) * 5) + 0.05 * Math.sin(2 * Math.PI * 880 * t));
            x[1][i] = (float) (0.2 * Math.sin(2 * Math.PI * 110 * t) * Math.exp(-(t % 0.5) * 5) + 0.04 * Math.sin(2 * Math.PI * 660 * t));
        }
        try (AudioSink s = AudioFiles.create(f, new OutputFormat(OutputFormat.Container.WAV, rate, 2, OutputFormat.BitDepth.PCM_24))) {
            s.write(x, 0, frames);
        }
        return upload(name, Files.readAllBytes(f));
    }

    private JobMessage submit(String input) throws Exception {
        JobMessage job = new JobMessage(JobMessage.SCHEMA_VERSION, UUID.randomUUID().toString(), TENANT, JobKind.MASTER,
                Lane.INTERACTIVE, 1, input, null,
                List.of(new DeliverableSpec("spotify.wav", "wav", null, "24", TargetSpec.named("spotify"))), null, null, null,
                java.time.Instant.now().toString());
        client.submit(job);
        return job;
    }

    private JobEvent terminal(String jobId, Duration timeout) {
        return client.awaitFinal(jobId, timeout);
    }

    @Test
    @DisplayName("a master job reaches SUCCEEDED with its file and report in the store, on target; a corrupt one fails with a clear error and the worker goes on")
    void mastersAndSurvivesBadInput() throws Exception {
        io.micrometer.core.instrument.simple.SimpleMeterRegistry metrics = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        WorkerRuntime w = worker("w1", storage, 3, metrics);
        Thread t = new Thread(w, "worker-w1");
        t.start();
        try {
            JobMessage bad = submit(upload("broken.wav", "RIFF\u0000\u0000\u0000\u0000WAVEjunk".getBytes()));
            JobMessage good = submit(uploadSong("song.wav"));

            JobEvent failed = terminal(bad.jobId(), Duration.ofSeconds(60));
            assertEquals(JobEvent.Type.FAILED, failed.type());
            assertEquals("BAD_INPUT", failed.error().code());
            assertTrue(failed.error().message().contains("broken.wav"), failed.error().message());
            assertFalse(failed.error().retryable());

            JobEvent done = terminal(good.jobId(), Duration.ofSeconds(120));
            assertEquals(JobEvent.Type.SUCCEEDED, done.type(), String.valueOf(done.error()));
            assertEquals(1, done.outputs().size());
            JobEvent.OutputFile out = done.outputs().get(0);
            assertEquals(ObjectKeys.runOutput(TENANT, good.jobId(), done.run().id(), "spotify.wav"), out.key(), "under the run's own id");
            assertTrue(storage.exists(done.report()));
            Path local = dir.resolve("downloaded.wav");
            storage.download(out.key(), local);
            LoudnessSummary m = LoudnessAnalyzer.analyze(local);
            assertEquals(-14.0, m.integratedLufs().getAsDouble(), 0.1);
            assertTrue(m.truePeakDbtp().getAsDouble() <= -1.0);
            assertTrue(client.events().stream().anyMatch(e -> e.jobId().equals(good.jobId()) && e.type() == JobEvent.Type.STARTED));
            assertTrue(client.events().stream().anyMatch(e -> e.jobId().equals(good.jobId()) && e.type() == JobEvent.Type.PROGRESS));
        } finally {
            w.stop();
            t.join(30_000);
        }
        assertTrue(w.isStopped(), "drained and stopped");
        // each attempt's time is on the worker's metrics, by outcome
        io.micrometer.core.instrument.Timer succeeded = metrics.find("mixdown.worker.job.duration").tag("outcome", "succeeded").timer();
        io.micrometer.core.instrument.Timer failed = metrics.find("mixdown.worker.job.duration").tag("outcome", "failed").timer();
        assertEquals(1, succeeded.count());
        assertEquals(1, failed.count());
        assertTrue(succeeded.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS) > 0);
        assertEquals(2, metrics.find("mixdown.worker.job.queued").timer().count());
    }

    @Test
    @DisplayName("a batch of 20 jobs, bulk and interactive, all complete on two worker slots, each exactly once")
    void batchOfTwenty() throws Exception {
        WorkerRuntime a = worker("slot-a", storage, 3);
        WorkerRuntime b = worker("slot-b", storage, 3);
        Thread ta = new Thread(a, "slot-a");
        Thread tb = new Thread(b, "slot-b");
        ta.start();
        tb.start();
        try {
            String input = uploadShortSong("short.wav");
            List<JobMessage> jobs = new java.util.ArrayList<>();
            for (int i = 0; i < 20; i++) {
                JobMessage job = new JobMessage(JobMessage.SCHEMA_VERSION, UUID.randomUUID().toString(), TENANT, JobKind.MASTER,
                        i % 2 == 0 ? Lane.BULK : Lane.INTERACTIVE, 1, input, null,
                        List.of(new DeliverableSpec("ebu.flac", "flac", null, "16", TargetSpec.named("ebu-r128"))), null, null, null,
                        java.time.Instant.now().toString());
                client.submit(job);
                jobs.add(job);
            }
            for (JobMessage job : jobs) {
                JobEvent done = terminal(job.jobId(), Duration.ofSeconds(180));
                assertEquals(JobEvent.Type.SUCCEEDED, done.type(), String.valueOf(done.error()));
                assertEquals(-23.0, done.outputs().get(0).integratedLufs(), 0.1);
            }
            for (JobMessage job : jobs) {
                long succeeded = client.events().stream()
                        .filter(e -> e.jobId().equals(job.jobId()) && e.type() == JobEvent.Type.SUCCEEDED).count();
                assertEquals(1, succeeded, "job " + job.jobId() + " succeeded exactly once");
            }
            assertEquals(20, a.jobsDone() + b.jobsDone());
        } finally {
            a.stop();
            b.stop();
            ta.join(30_000);
            tb.join(30_000);
        }
    }

    private String uploadShortSong(String name) throws IOException {
        Path f = dir.resolve(name);
        int rate = 44_100;
        int frames = rate * 2;
        float[][] x = new float[2][frames];
        for (int i = 0; i < frames; i++) {
            double t = (double) i / rate;
            x[0][i] = x[1][i] = (float) (0.3 * Math.sin(2 * Math.PI * 220 * t) * (0.6 + 0.4 * Math.sin(2 * Math.PI * 2 * t)));
        }
        try (AudioSink s = AudioFiles.create(f, new OutputFormat(OutputFormat.Container.WAV, rate, 2, OutputFormat.BitDepth.PCM_16))) {
            s.write(x, 0, frames);
        }
        return upload(name, Files.readAllBytes(f));
    }

    @Test
    @DisplayName("a job that keeps failing is retried with backoff, then lands in the dead-letter topic and is FAILED with its reason")
    void deadLetters() throws Exception {
        String input = uploadSong("other.wav");
        ObjectStorage unreachable = new ObjectStorage("http://127.0.0.1:" + freePort(), "x", "y", "mixdown");
        WorkerRuntime w = worker("w2", unreachable, 2);
        Thread t = new Thread(w, "worker-w2");
        t.start();
        try {
            JobMessage job = submit(input);
            JobEvent failed = terminal(job.jobId(), Duration.ofSeconds(120));
            assertEquals(JobEvent.Type.FAILED, failed.type());
            assertEquals(2, failed.attempt());
            assertTrue(client.events().stream().anyMatch(e -> e.jobId().equals(job.jobId()) && e.attempt() == 1
                    && e.type() == JobEvent.Type.FAILED && e.error().retryable()
                    && e.error().code().equals("STORAGE_UNAVAILABLE")), "the first attempt failed on storage and was retried");

            JobMessage dead = client.findJob(Topics.deadLetter(job.topic()), job.jobId(), Duration.ofSeconds(30)).orElse(null);
            assertNotNull(dead, "the job is in the dead-letter topic");
            assertEquals(2, dead.attempt());
            assertEquals("ATTEMPTS_EXHAUSTED", failed.error().code());
        } finally {
            w.stop();
            t.join(30_000);
            unreachable.close();
        }
    }
}
