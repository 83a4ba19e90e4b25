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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "submit", mixinStandardHelpOptions = true,
        description = {"Submit folders of stems (mix jobs) and audio files (master jobs) to the cluster.",
            "Each folder of stems becomes a mix job (chained into mastering with --master), each single audio file a master job;"
                + " with --package, each becomes a delivery package job instead.",
            "With --wait, follows every job, downloads its files and report into --out (one folder per job),"
                + " and exits 0 only if every job succeeded."})
final class SubmitCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Folders of stems, or audio files to master.")
    List<Path> paths;

    @Option(names = "--gateway", paramLabel = "URL", description = "Gateway URL (default: the local cluster's).")
    String gateway;

    @Option(names = "--master", paramLabel = "TARGET", description = "Master target (mix jobs: chain into mastering; files: default spotify).")
    String master;

    @Option(names = "--package", paramLabel = "PRESET|SPEC.json", description = "Make a delivery package of each path instead (a folder of"
            + " stems, or a stereo mix for the main only): a preset (sync-library, beat-store, streaming) or a spec file as"
            + " 'mixdown package --spec' reads it.")
    String packageSpec;

    @Option(names = "--meta", paramLabel = "FILE.json", description = "With --package: the track's metadata (title, artists, composers,"
            + " publisher, isrc, iswc, ...); default: titled after the folder or file.")
    Path meta;

    @Option(names = "--tag", paramLabel = "FILE", description = "With --package: the producer's voice tag, for store previews.")
    Path tag;

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

    @Option(names = {"-q", "--quiet"},
            description = "Print only the outcome: the job ids (one a line), or with --wait each job's status and files; no progress.")
    boolean quiet;

    @Spec
    CommandSpec spec;

    /** Each local file and the object key it was uploaded to: errors name the user's file, not the key. */
    private final Map<Path, String> uploaded = new LinkedHashMap<>();

    /** One submitted job and what became of it. */
    record Submitted(String name, String id, JsonNode job) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ExecutorService downloads = Executors.newFixedThreadPool(2);
        try {
            if (master != null) {
                DeliveryTarget.named(master);
            }
            if (packageSpec != null) {
                PackageRequests.checkSpecFile(packageSpec);
            } else if (meta != null || tag != null) {
                throw new IllegalArgumentException("--meta and --tag go with --package");
            }
            Path dataDir = gateway != null ? LocalCluster.data(data) : LocalCluster.clusterData(data);
            ClusterClient client = new ClusterClient(gateway != null ? gateway : LocalCluster.gatewayUrl(dataDir), LocalCluster.apiKey(dataDir))
                    .keyHint(LocalCluster.keyHint(dataDir));
            // upload everything, then queue all jobs in one batch: one transaction, one request
            List<String> names = new ArrayList<>();
            for (Path p : paths) {
                names.add(baseName(p));
            }
            List<Map<String, Object>> bodies = bodies(client);
            List<Submitted> jobs = new ArrayList<>();
            String batchId = null;
            if (bodies.size() == 1 || packageSpec != null) {
                // packages are created one by one: a batch carries mix and master jobs only
                for (int i = 0; i < bodies.size(); i++) {
                    JsonNode job = client.create(bodies.get(i));
                    jobs.add(new Submitted(names.get(i), job.get("id").asText(), job));
                }
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
                    if (quiet && !await) {
                        stdout.println(j.id());
                    } else if (!quiet) {
                        stdout.printf("submitted %-30s job %s%n", j.name(), j.id());
                    }
                }
                stdout.flush();
            }
            if (!await) {
                if (json) {
                    stdout.println(JSON.writeValueAsString(jobs.stream().map(j -> Map.of("name", j.name(), "id", j.id())).toList()));
                }
                return 0;
            }
            // each job's files come down as soon as it finishes, while the others still run
            Map<String, Future<List<Map<String, Object>>>> fetched = new LinkedHashMap<>();
            List<Submitted> done = follow(client, jobs, batchId, json || quiet ? null : stdout,
                    j -> fetched.put(j.id(), downloads.submit(() -> fetch(client, j))));
            List<Map<String, Object>> results = new ArrayList<>();
            boolean allOk = true;
            for (Submitted j : done) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("name", j.name());
                r.put("id", j.id());
                r.put("status", j.job().get("status").asText());
                allOk &= "SUCCEEDED".equals(j.job().get("status").asText());
                try {
                    r.put("outputs", fetched.get(j.id()).get());
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception c ? c : e;
                }
                if (!"SUCCEEDED".equals(j.job().get("status").asText())) {
                    r.put("error", localNames(j.job().path("error")));
                }
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
        } finally {
            downloads.shutdownNow();
        }
    }

    /** A job's error with the object keys of uploaded files replaced by the files' own paths. */
    private JsonNode localNames(JsonNode error) {
        if (!error.isObject() || !error.path("message").isTextual()) {
            return error;
        }
        String message = error.get("message").asText();
        for (Map.Entry<Path, String> e : uploaded.entrySet()) {
            message = message.replace(e.getValue(), e.getKey().toString());
        }
        return ((com.fasterxml.jackson.databind.node.ObjectNode) error.deepCopy()).put("message", message);
    }

    /** Downloads a finished job's files and report into its folder under --out; answers what was written. */
    private List<Map<String, Object>> fetch(ClusterClient client, Submitted j) throws Exception {
        List<Map<String, Object>> files = new ArrayList<>();
        if (!"SUCCEEDED".equals(j.job().get("status").asText())) {
            return files;
        }
        List<Path> downloaded = client.downloadResults(j.job(), out.resolve(j.name() + "-" + j.id().substring(0, 8)));
        for (int i = 0; i < downloaded.size(); i++) {
            JsonNode o = j.job().get("outputs").get(i);
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("file", downloaded.get(i).toString());
            file.put("integratedLufs", o.path("integratedLufs").isNumber() ? o.get("integratedLufs").asDouble() : null);
            file.put("truePeakDbtp", o.path("truePeakDbtp").isNumber() ? o.get("truePeakDbtp").asDouble() : null);
            files.add(file);
        }
        return files;
    }

    /**
     * Uploads what every path needs and answers the job requests, in path order. Files travel
     * together (a few at a time) in as few uploads as their names allow: names are unique within
     * one upload.
     */
    private List<Map<String, Object>> bodies(ClusterClient client) throws Exception {
        List<List<Path>> filesOf = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                filesOf.add(MixCommand.expand(List.of(p)));
            } else if (Files.isRegularFile(p)) {
                filesOf.add(List.of(p));
            } else {
                throw new IllegalArgumentException(p + ": no such file or folder");
            }
        }
        Map<Path, String> keyOf = uploaded;
        List<Path> group = new ArrayList<>();
        java.util.Set<String> groupNames = new java.util.HashSet<>();
        for (List<Path> files : filesOf) {
            boolean clash = files.stream().anyMatch(f -> groupNames.contains(f.getFileName().toString()));
            if (clash) {
                upload(client, group, keyOf);
                group.clear();
                groupNames.clear();
            }
            group.addAll(files);
            files.forEach(f -> groupNames.add(f.getFileName().toString()));
        }
        upload(client, group, keyOf);
        List<Map<String, Object>> bodies = new ArrayList<>();
        String tagKey = null;
        if (packageSpec != null && tag != null) {
            if (!Files.isRegularFile(tag)) {
                throw new IllegalArgumentException(tag + ": no such voice tag file");
            }
            upload(client, List.of(tag), keyOf);
            tagKey = keyOf.get(tag);
        }
        for (int i = 0; i < paths.size(); i++) {
            if (packageSpec != null) {
                boolean stems = Files.isDirectory(paths.get(i));
                bodies.add(PackageRequests.body(lane, stems ? filesOf.get(i).stream().map(keyOf::get).toList() : null,
                        stems ? null : keyOf.get(filesOf.get(i).get(0)), packageSpec, meta,
                        baseName(paths.get(i)), tagKey));
                continue;
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("lane", lane);
            if (Files.isDirectory(paths.get(i))) {
                body.put("kind", "mix");
                body.put("stems", filesOf.get(i).stream().map(f -> Map.of("key", keyOf.get(f))).toList());
                if (master != null) {
                    body.put("deliverables", List.of(deliverable(master)));
                }
            } else {
                body.put("kind", "master");
                body.put("input", keyOf.get(filesOf.get(i).get(0)));
                body.put("deliverables", List.of(deliverable(master != null ? master : "spotify")));
            }
            bodies.add(body);
        }
        return bodies;
    }

    /** A job's name: its folder's or file's name without an extension. */
    private static String baseName(Path p) {
        return p.getFileName().toString().replaceFirst("\\.[A-Za-z0-9]+$", "");
    }

    private static void upload(ClusterClient client, List<Path> files, Map<Path, String> keyOf) throws Exception {
        if (files.isEmpty()) {
            return;
        }
        List<String> keys = client.uploadDirect(files);
        for (int i = 0; i < files.size(); i++) {
            keyOf.put(files.get(i), keys.get(i));
        }
    }

    private static Map<String, Object> deliverable(String target) {
        return Map.of("name", target + ".wav", "format", "wav", "bits", "24", "target", Map.of("name", target));
    }

    /** How often the jobs are asked for while they run. */
    private static final long POLL_MILLIS = 200;

    /**
     * Polls until every job is finished (a batch in one request per round), printing each change
     * of status or stage, and calls {@code onFinished} once for each job as it ends.
     */
    static List<Submitted> follow(ClusterClient client, List<Submitted> jobs, String batchId, PrintWriter progress,
            java.util.function.Consumer<Submitted> onFinished) throws Exception {
        List<Submitted> current = new ArrayList<>(jobs);
        Map<String, String> last = new LinkedHashMap<>();
        java.util.Set<String> finished = new java.util.HashSet<>();
        long unavailableSince = 0;
        while (true) {
            try {
                if (followOnce(client, current, batchId, progress, onFinished, last, finished)) {
                    return current;
                }
                unavailableSince = 0;
            } catch (ClusterClient.Unavailable e) {
                // a gateway restarting (a crash, an upgrade) does not end the wait: the jobs go on without it
                long now = System.currentTimeMillis();
                if (unavailableSince == 0) {
                    unavailableSince = now;
                    if (progress != null) {
                        progress.println("gateway unavailable (" + e.getMessage() + "); still waiting");
                        progress.flush();
                    }
                } else if (now - unavailableSince > GATEWAY_PATIENCE_MILLIS) {
                    throw e;
                }
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** How long {@code --wait} keeps asking a gateway that cannot be reached before it gives up. */
    private static final long GATEWAY_PATIENCE_MILLIS = 10 * 60_000;

    /** One look at every unfinished job; true when all have finished. */
    private static boolean followOnce(ClusterClient client, List<Submitted> current, String batchId, PrintWriter progress,
            java.util.function.Consumer<Submitted> onFinished, Map<String, String> last, java.util.Set<String> finished)
            throws Exception {
        boolean allDone = true;
        // a batch's unfinished jobs in one request; a job that left that list is asked for once, finished
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        if (batchId != null) {
            for (JsonNode j : client.unfinished(batchId)) {
                byId.put(j.get("id").asText(), j);
            }
        }
        for (int i = 0; i < current.size(); i++) {
            Submitted s = current.get(i);
            if (finished.contains(s.id())) {
                continue;
            }
            JsonNode job = byId.containsKey(s.id()) ? byId.get(s.id()) : client.job(s.id());
            Submitted now = new Submitted(s.name(), s.id(), job);
            current.set(i, now);
            String status = job.get("status").asText();
            String line = String.format("%-20s %-10s %5.1f %% %s", s.name(), status, job.path("progress").asDouble(0),
                    job.path("stage").asText(""));
            if (progress != null && !line.equals(last.get(s.id()))) {
                progress.println(line);
                progress.flush();
                last.put(s.id(), line);
            }
            if (status.equals("SUCCEEDED") || status.equals("FAILED") || status.equals("CANCELLED")) {
                finished.add(s.id());
                onFinished.accept(now);
            } else {
                allDone = false;
            }
        }
        return allDone;
    }
}
