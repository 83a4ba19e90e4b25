package dev.mixdown.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.mixdown.dsp.master.DeliveryTarget;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "submit", mixinStandardHelpOptions = true,
        description = {"Submit work to the cluster: each folder of stems becomes a mix job (chained into mastering with --master),",
            "each single audio file a master job. With --wait, follows every job, downloads its files and report into",
            "--out (one folder per job), and exits 0 only if every job succeeded."})
final class SubmitCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Folders of stems, or audio files to master.")
    List<Path> paths;

    @Option(names = "--gateway", paramLabel = "URL", description = "Gateway URL (default: the local cluster's).")
    String gateway;

    @Option(names = "--master", paramLabel = "TARGET", description = "Master target (mix jobs: chain into mastering; files: default spotify).")
    String master;

    @Option(names = "--lane", defaultValue = "interactive", description = "interactive or bulk (default: ${DEFAULT-VALUE}).")
    String lane;

    @Option(names = "--wait", description = "Follow the jobs, then download their results.")
    boolean await;

    @Option(names = "--out", defaultValue = "mixdown-out/jobs", paramLabel = "DIR", description = "Where results go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--data", paramLabel = "DIR", description = "Data folder of the local cluster (for its URL and API key).")
    Path data;

    @Option(names = "--json", description = "Print the jobs as JSON.")
    boolean json;

    @Spec
    CommandSpec spec;

    /** One submitted job and what became of it. */
    record Submitted(String name, String id, JsonNode job) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (master != null) {
                DeliveryTarget.named(master);
            }
            Path dataDir = LocalCluster.data(data);
            ClusterClient client = new ClusterClient(gateway != null ? gateway : LocalCluster.gatewayUrl(dataDir), LocalCluster.apiKey(dataDir));
            // upload everything, then queue all jobs in one batch: one transaction, one request
            List<String> names = new ArrayList<>();
            List<Map<String, Object>> bodies = new ArrayList<>();
            for (Path p : paths) {
                names.add(p.getFileName().toString().replaceFirst("\\.[A-Za-z0-9]+$", ""));
                bodies.add(body(client, p));
            }
            List<Submitted> jobs = new ArrayList<>();
            String batchId = null;
            if (bodies.size() == 1) {
                JsonNode job = client.create(bodies.get(0));
                jobs.add(new Submitted(names.get(0), job.get("id").asText(), job));
            } else {
                JsonNode batch = client.createBatch(bodies);
                batchId = batch.get("id").asText();
                for (int i = 0; i < bodies.size(); i++) {
                    JsonNode job = batch.get("jobs").get(i);
                    jobs.add(new Submitted(names.get(i), job.get("id").asText(), job));
                }
            }
            if (!json) {
                for (Submitted j : jobs) {
                    stdout.printf("submitted %-30s job %s%n", j.name(), j.id());
                }
                stdout.flush();
            }
            if (!await) {
                if (json) {
                    stdout.println(JSON.writeValueAsString(jobs.stream().map(j -> Map.of("name", j.name(), "id", j.id())).toList()));
                }
                return 0;
            }
            List<Submitted> done = follow(client, jobs, batchId, json ? null : stdout);
            List<Map<String, Object>> results = new ArrayList<>();
            boolean allOk = true;
            for (Submitted j : done) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("name", j.name());
                r.put("id", j.id());
                r.put("status", j.job().get("status").asText());
                boolean ok = "SUCCEEDED".equals(j.job().get("status").asText());
                allOk &= ok;
                Path folder = out.resolve(j.name() + "-" + j.id().substring(0, 8));
                List<Map<String, Object>> files = new ArrayList<>();
                if (ok) {
                    for (JsonNode o : j.job().get("outputs")) {
                        Path f = folder.resolve(o.get("name").asText());
                        client.download(o.get("url").asText(), f);
                        Map<String, Object> file = new LinkedHashMap<>();
                        file.put("file", f.toString());
                        file.put("integratedLufs", o.path("integratedLufs").isNumber() ? o.get("integratedLufs").asDouble() : null);
                        file.put("truePeakDbtp", o.path("truePeakDbtp").isNumber() ? o.get("truePeakDbtp").asDouble() : null);
                        files.add(file);
                    }
                    if (j.job().hasNonNull("reportUrl")) {
                        client.download(j.job().get("reportUrl").asText(), folder.resolve("report.json"));
                    }
                } else {
                    r.put("error", j.job().path("error"));
                }
                r.put("outputs", files);
                results.add(r);
            }
            if (json) {
                stdout.println(JSON.writeValueAsString(results));
            } else {
                for (Map<String, Object> r : results) {
                    stdout.printf("%-9s %s%n", r.get("status"), r.get("name"));
                    for (Object f : (List<?>) r.get("outputs")) {
                        Map<?, ?> m = (Map<?, ?>) f;
                        stdout.printf("          %8.2f LUFS %7.2f dBTP  %s%n", m.get("integratedLufs"), m.get("truePeakDbtp"), m.get("file"));
                    }
                    if (r.containsKey("error")) {
                        JsonNode e = (JsonNode) r.get("error");
                        stdout.printf("          %s: %s%n", e.path("code").asText(), e.path("message").asText());
                    }
                }
            }
            stdout.flush();
            return allOk ? 0 : 1;
        } catch (IllegalArgumentException e) {
            err.println("mixdown submit: " + e.getMessage());
            err.flush();
            return MixdownCli.EXIT_BAD_INPUT;
        } catch (java.io.IOException e) {
            err.println("mixdown submit: " + (e.getMessage() != null ? e.getMessage() : e.toString())
                    + (e.getCause() != null ? " (" + e.getCause() + ")" : ""));
            err.flush();
            return 1;
        }
    }

    /** Uploads what a path needs and returns the job request for it. */
    private Map<String, Object> body(ClusterClient client, Path p) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("lane", lane);
        if (Files.isDirectory(p)) {
            List<Map<String, Object>> stems = new ArrayList<>();
            for (String key : client.uploadDirect(MixCommand.expand(List.of(p)))) {
                stems.add(Map.of("key", key));
            }
            body.put("kind", "mix");
            body.put("stems", stems);
            if (master != null) {
                body.put("deliverables", List.of(deliverable(master)));
            }
        } else if (Files.isRegularFile(p)) {
            body.put("kind", "master");
            body.put("input", client.uploadDirect(List.of(p)).get(0));
            body.put("deliverables", List.of(deliverable(master != null ? master : "spotify")));
        } else {
            throw new IllegalArgumentException(p + ": no such file or folder");
        }
        return body;
    }

    private static Map<String, Object> deliverable(String target) {
        return Map.of("name", target + ".wav", "format", "wav", "bits", "24", "target", Map.of("name", target));
    }

    /** Polls until every job is finished (a batch in one request per round), printing each change of status or stage. */
    static List<Submitted> follow(ClusterClient client, List<Submitted> jobs, String batchId, PrintWriter progress) throws Exception {
        List<Submitted> current = new ArrayList<>(jobs);
        Map<String, String> last = new LinkedHashMap<>();
        while (true) {
            boolean allDone = true;
            Map<String, JsonNode> byId = new LinkedHashMap<>();
            if (batchId != null) {
                for (JsonNode j : client.batch(batchId)) {
                    byId.put(j.get("id").asText(), j);
                }
            }
            for (int i = 0; i < current.size(); i++) {
                Submitted s = current.get(i);
                JsonNode job = byId.containsKey(s.id()) ? byId.get(s.id()) : client.job(s.id());
                current.set(i, new Submitted(s.name(), s.id(), job));
                String status = job.get("status").asText();
                String line = String.format("%-20s %-10s %5.1f %% %s", s.name(), status, job.path("progress").asDouble(0),
                        job.path("stage").asText(""));
                if (progress != null && !line.equals(last.get(s.id()))) {
                    progress.println(line);
                    progress.flush();
                    last.put(s.id(), line);
                }
                allDone &= status.equals("SUCCEEDED") || status.equals("FAILED") || status.equals("CANCELLED");
            }
            if (allDone) {
                return current;
            }
            Thread.sleep(400);
        }
    }
}
