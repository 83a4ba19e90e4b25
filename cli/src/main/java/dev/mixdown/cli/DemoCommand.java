package dev.mixdown.cli;

import dev.mixdown.dsp.generate.DemoSong;
import dev.mixdown.dsp.io.OutputFormat;
import dev.mixdown.dsp.io.OutputFormat.BitDepth;
import dev.mixdown.dsp.master.Deliverable;
import dev.mixdown.dsp.master.DeliveryFormat;
import dev.mixdown.dsp.master.DeliveryTarget;
import dev.mixdown.dsp.master.MasterReport;
import dev.mixdown.dsp.master.MasterSettings;
import dev.mixdown.dsp.mix.MixEngine;
import dev.mixdown.dsp.mix.MixJob;
import dev.mixdown.dsp.mix.MixReport;
import dev.mixdown.dsp.mix.Presence;
import dev.mixdown.dsp.mix.StemSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "demo",
        description = {
            "Mix and master a song end to end, on the local cluster or (with --offline) in this process.",
            "The song is the stems found at PATH or, without PATH, a short multitrack song Mixdown generates itself"
                + " (drums, bass, chords, a lead line).",
            "The mix is mastered to two deliverables (Spotify WAV 24-bit 44.1 kHz, Apple Music WAV 24-bit 48 kHz)"
                + " and each is measured as written.",
            "It starts the local cluster (unless one is running), submits the song, follows its progress, downloads the results,"
                + " and stops the cluster it started; --offline runs the engines in this process instead."},
        mixinStandardHelpOptions = true)
final class DemoCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "PATH", description = "A folder of stems (default: the generated song).")
    Path stems;

    @Option(names = "--out", defaultValue = "mixdown-out/demo", description = "Folder for the results (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--seconds", defaultValue = "20", description = "Length of the generated song (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--offline", description = "Run the engines in this process instead of on the local cluster.")
    boolean offline;

    @Option(names = "--data", paramLabel = "DIR", description = "Data folder of the local cluster.")
    Path data;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (seconds <= 0 || seconds > 3600) {
            err.println("mixdown demo: --seconds must be between 0 and 3600, got " + seconds);
            err.flush();
            return MixdownCli.EXIT_BAD_INPUT;
        }
        List<StemSpec> specs = new ArrayList<>();
        if (stems == null) {
            Path folder = out.resolve("stems");
            stdout.printf("Rendering a %.0f-second generated song (drums, bass, chords, lead) into %s%n", seconds, folder);
            String[] names = {"drums.wav", "bass.wav", "keys.wav", "lead-synth.wav"};
            DemoSong song = new DemoSong(44_100, seconds);
            for (int s = 0; s < names.length; s++) {
                Path p = folder.resolve(names[s]);
                song.writeStem(s, p);
                specs.add(new StemSpec(p, null, s == 3 ? Presence.LEAD : null, null, null, null, false));
            }
        } else {
            try {
                for (Path p : MixCommand.expand(List.of(stems))) {
                    specs.add(StemSpec.of(p));
                }
            } catch (IllegalArgumentException e) {
                err.println("mixdown demo: " + e.getMessage());
                err.flush();
                return MixdownCli.EXIT_BAD_INPUT;
            }
        }
        if (!offline) {
            return onCluster(specs, stdout, err);
        }
        Path spotify = out.resolve("spotify.wav");
        Path apple = out.resolve("apple-music.wav");
        List<Deliverable> deliverables = List.of(
                new Deliverable(spotify, DeliveryFormat.WAV, 44_100, BitDepth.PCM_24, 320, DeliveryTarget.named("spotify")),
                new Deliverable(apple, DeliveryFormat.WAV, 48_000, BitDepth.PCM_24, 320, DeliveryTarget.named("apple-music")));
        stdout.printf("Mixing %d stems and mastering to %d deliverables...%n", specs.size(), deliverables.size());
        stdout.flush();
        Path work = Files.createTempDirectory("mixdown-demo-");
        MixReport report;
        try {
            report = new MixEngine().mix(new MixJob(specs, spotify, OutputFormat.Container.WAV, BitDepth.PCM_24, 0, null, work,
                    out.resolve("plots"), false), MasterSettings.defaults(), deliverables);
        } finally {
            ReportOptions.deleteTree(work);
        }
        ReportOptions.writeJson(out.resolve("report.json"), report);
        stdout.println();
        stdout.printf("%-12s %12s %11s %9s %8s  %s%n", "DELIVERABLE", "INTEGRATED", "TRUE PEAK", "RANGE", "TARGET", "FILE");
        for (MasterReport.DeliveredFile d : report.master().deliverables()) {
            stdout.printf("%-12s %7.2f LUFS %6.2f dBTP %6.2f LU %8s  %s%n", d.target(), d.after().integratedLufs(),
                    d.after().truePeakDbtp(), d.after().loudnessRangeLu() == null ? Double.NaN : d.after().loudnessRangeLu(),
                    d.onTarget() ? "on" : "MISSED", d.file());
        }
        stdout.println();
        stdout.println("Report: " + out.resolve("report.json") + "   plots: " + out.resolve("plots"));
        stdout.println("Measure any file: ./mixdown analyze FILE... [--json]");
        stdout.flush();
        boolean all = report.master().deliverables().stream().allMatch(MasterReport.DeliveredFile::onTarget);
        return all ? 0 : 1;
    }

    /** Up (unless running), submit the stems as a mix job mastered to both deliverables, follow, download, measure, down. */
    private int onCluster(List<StemSpec> specs, PrintWriter stdout, PrintWriter err) throws Exception {
        Path dataDir = LocalCluster.data(data);
        boolean started = false;
        if (!LocalCluster.running(dataDir)) {
            stdout.println("Starting the local cluster (Kafka, S3Proxy, PostgreSQL, gateway, a mix and a master worker)...");
            stdout.flush();
            int rc = LocalCluster.run("up", LocalCluster.root().toString(), dataDir.toString(), "1", "1");
            if (rc != 0) {
                err.println("mixdown demo: the local cluster did not start; see " + dataDir.resolve("logs"));
                err.flush();
                return 1;
            }
            started = true;
        }
        try {
            ClusterClient client = new ClusterClient(LocalCluster.gatewayUrl(dataDir), LocalCluster.apiKey(dataDir));
            List<String> keys = client.uploadDirect(specs.stream().map(StemSpec::path).toList());
            List<java.util.Map<String, Object>> stems = new ArrayList<>();
            for (int i = 0; i < specs.size(); i++) {
                StemSpec s = specs.get(i);
                java.util.Map<String, Object> stem = new java.util.LinkedHashMap<>();
                stem.put("key", keys.get(i));
                if (s.presence() != null) {
                    stem.put("presence", s.presence().id());
                }
                stems.add(stem);
            }
            java.util.Map<String, Object> body = java.util.Map.of("kind", "mix", "stems", stems, "deliverables", List.of(
                    java.util.Map.of("name", "spotify.wav", "sampleRate", 44_100, "bits", "24", "target", java.util.Map.of("name", "spotify")),
                    java.util.Map.of("name", "apple-music.wav", "sampleRate", 48_000, "bits", "24",
                            "target", java.util.Map.of("name", "apple-music"))));
            String id = client.create(body).get("id").asText();
            stdout.printf("Submitted mix job %s; following it:%n", id);
            stdout.flush();
            var done = SubmitCommand.follow(client, List.of(new SubmitCommand.Submitted("demo", id, null)), null, stdout, j -> { }).get(0).job();
            if (!"SUCCEEDED".equals(done.get("status").asText())) {
                err.println("mixdown demo: the job " + done.get("status").asText() + ": " + done.path("error"));
                err.flush();
                return 1;
            }
            stdout.println();
            stdout.printf("%-16s %12s %11s %9s  %s%n", "DELIVERABLE", "INTEGRATED", "TRUE PEAK", "RANGE", "FILE");
            for (Path f : client.downloadResults(done, out)) {
                var m = dev.mixdown.dsp.analysis.LoudnessAnalyzer.analyze(f);
                stdout.printf("%-16s %7.2f LUFS %6.2f dBTP %6.2f LU  %s%n", f.getFileName().toString().replace(".wav", ""),
                        m.integratedLufs().orElse(Double.NaN), m.truePeakDbtp().orElse(Double.NaN), m.loudnessRangeLu().orElse(Double.NaN), f);
            }
            if (done.hasNonNull("reportUrl")) {
                stdout.println();
                stdout.println("Report: " + out.resolve("report.json"));
            }
            stdout.flush();
            return 0;
        } finally {
            if (started) {
                stdout.println("Stopping the local cluster...");
                stdout.flush();
                LocalCluster.run("down", dataDir.toString());
            }
        }
    }
}
