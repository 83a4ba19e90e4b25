package dev.mixdown.worker.mix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import dev.mixdown.jobs.contracts.ReferenceTrack;
import dev.mixdown.jobs.contracts.StemInput;
import dev.mixdown.jobs.contracts.TargetSpec;
import dev.mixdown.jobs.storage.ObjectStorage;
import dev.mixdown.jobs.worker.WorkerRuntime;
import dev.mixdown.local.KafkaJobClient;
import dev.mixdown.local.TestServices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Mix worker on real Kafka and S3")
class MixWorkerIT {
    static final String TENANT = "acme";


    private static String stem(ObjectStorage storage, Path dir, String upload, String name, IntToDoubleFunction signal) throws IOException {
        int rate = 44_100;
        int frames = rate * 6;
        float[][] x = new float[2][frames];
        for (int i = 0; i < frames; i++) {
            x[0][i] = x[1][i] = (float) signal.applyAsDouble(i);
        }
        Path f = dir.resolve(name);
        try (AudioSink s = AudioFiles.create(f, new OutputFormat(OutputFormat.Container.WAV, rate, 2, OutputFormat.BitDepth.PCM_24))) {
            s.write(x, 0, frames);
        }
        String key = ObjectKeys.upload(TENANT, upload, name);
        storage.upload(f, key);
        return key;
    }

    private static JobMessage mixOf(List<StemInput> stems) {
        return new JobMessage(JobMessage.SCHEMA_VERSION, UUID.randomUUID().toString(), TENANT, JobKind.MIX, Lane.INTERACTIVE, 1, null,
                stems, List.of(), null, null, null, Instant.now().toString());
    }

    @Test
    @DisplayName("a mix job chained into mastering reaches SUCCEEDED with its master, on target, mastered toward its reference, and a report naming keys, not the worker's paths; jobs with a missing or corrupt stem or an impossible pan fail with BAD_INPUT naming the key, and the worker goes on")
    void mixChainedIntoMaster() throws Exception {
        Path dir = Files.createTempDirectory("mixdown-mix-it-");
        try (TestServices services = TestServices.start(dir, false);
                ObjectStorage storage = new ObjectStorage(services.s3Endpoint(), services.s3AccessKey(), services.s3SecretKey(), "mixdown");
                KafkaJobClient client = new KafkaJobClient(services.kafkaBootstrap())) {
            storage.ensureBucket();
            String upload = UUID.randomUUID().toString();
            List<StemInput> stems = List.of(
                    StemInput.of(stem(storage, dir, upload, "Kick.wav", i -> {
                        double t = (i % 22_050) / 44_100.0;
                        return 0.6 * Math.exp(-t * 25) * Math.sin(2 * Math.PI * (50 + 80 * Math.exp(-t * 40)) * t);
                    })),
                    StemInput.of(stem(storage, dir, upload, "Bass.wav", i -> 0.3 * Math.sin(2 * Math.PI * 55 * i / 44_100.0))),
                    new StemInput(stem(storage, dir, upload, "Keys.wav", i -> 0.1 * Math.sin(2 * Math.PI * 440 * i / 44_100.0)),
                            "keys", "background", null, null, null, null));
            JobMessage job = new JobMessage(JobMessage.SCHEMA_VERSION, UUID.randomUUID().toString(), TENANT, JobKind.MIX,
                    Lane.INTERACTIVE, 1, null, stems,
                    List.of(new DeliverableSpec("spotify.wav", "wav", 44_100, "24", TargetSpec.named("spotify"))), null, null,
                    List.of(new ReferenceTrack(stems.get(2).key(), 2)), Instant.now().toString());
            WorkerRuntime worker = new WorkerRuntime(new WorkerRuntime.Config(services.kafkaBootstrap(), "mix-workers", JobKind.MIX,
                    "mix-1", 3, Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofMillis(200), Duration.ofSeconds(2),
                    dir.resolve("work")), new MixJobProcessor(), storage);
            Thread t = new Thread(worker, "mix-worker");
            t.start();
            try {
                // stems download while the first ones are analysed: a missing or corrupt stem still fails
                // its job at once, naming the object, and the worker goes on to the next job
                String missingKey = ObjectKeys.upload(TENANT, upload, "Missing.wav");
                JobMessage missing = mixOf(List.of(stems.get(0), StemInput.of(missingKey), stems.get(1)));
                Path broken = dir.resolve("Broken.wav");
                Files.write(broken, "RIFF\u0000\u0000\u0000\u0000WAVEjunk".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                String brokenKey = ObjectKeys.upload(TENANT, upload, "Broken.wav");
                storage.upload(broken, brokenKey);
                JobMessage corrupt = mixOf(List.of(stems.get(0), stems.get(1), StemInput.of(brokenKey)));
                // the gateway refuses this pan; a worker given it anyway names the key, not its local copy
                String panned = stems.get(1).key();
                JobMessage badPan = mixOf(List.of(stems.get(0), new StemInput(panned, null, null, 1.7, null, null, null)));
                client.submit(missing);
                client.submit(corrupt);
                client.submit(badPan);
                for (JobMessage bad : List.of(missing, corrupt, badPan)) {
                    JobEvent failed = client.awaitFinal(bad.jobId(), Duration.ofSeconds(120));
                    assertEquals(JobEvent.Type.FAILED, failed.type());
                    assertEquals("BAD_INPUT", failed.error().code(), failed.error().message());
                    String key = bad == missing ? missingKey : bad == corrupt ? brokenKey : panned;
                    assertTrue(failed.error().message().contains(key), failed.error().message());
                    assertFalse(failed.error().message().contains(dir.toString()), failed.error().message());
                }

                client.submit(job);
                JobEvent done = client.awaitFinal(job.jobId(), Duration.ofSeconds(120));
                assertEquals(JobEvent.Type.SUCCEEDED, done.type(), String.valueOf(done.error()));
                assertEquals("spotify.wav", done.outputs().get(0).name());
                assertTrue(storage.exists(done.report()));
                Path reportFile = dir.resolve("report.json");
                storage.download(done.report(), reportFile);
                String report = Files.readString(reportFile);
                assertFalse(report.contains(dir.toString()), "no worker path in the report: " + report);
                assertTrue(report.contains("\"file\":\"" + stems.get(0).key() + "\""), "stems named by their keys: " + report);
                assertTrue(report.contains("\"references\":[{\"file\":\"" + stems.get(2).key() + "\",\"weight\":2.0"),
                        "mastered toward the reference: " + report);
                String attempt = done.report().substring(0, done.report().lastIndexOf('/') + 1);
                assertTrue(storage.list(attempt).stream().anyMatch(k -> k.endsWith("plot-stems.png")), "plots next to the report");
                Path local = dir.resolve("master.wav");
                storage.download(done.outputs().get(0).key(), local);
                LoudnessSummary m = LoudnessAnalyzer.analyze(local);
                assertEquals(-14.0, m.integratedLufs().getAsDouble(), 0.1);
                assertTrue(m.truePeakDbtp().getAsDouble() <= -1.0);
                assertEquals(m.integratedLufs().getAsDouble(), done.outputs().get(0).integratedLufs(), 0.01, "the event tells the truth");
            } finally {
                worker.stop();
                t.join(30_000);
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
