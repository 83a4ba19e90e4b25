package dev.mixdown.local;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The embedded single-machine cluster: {@code up} starts the services (PostgreSQL, Kafka, S3Proxy),
 * the gateway and the workers as separate JVMs and waits until all are healthy (on a running
 * cluster it restarts the members that died, under their names); {@code down} stops
 * them, workers first so their jobs drain; {@code ps} lists them. All state lives in the data folder,
 * every port listens on 127.0.0.1 only, and the credentials are made per data folder ({@link ClusterSecrets}).
 *
 * <pre>
 * up ROOT DATA_DIR MIX_WORKERS MASTER_WORKERS
 * down DATA_DIR
 * ps DATA_DIR [--json]
 * </pre>
 */
public final class LocalClusterMain {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

    /** One process of the cluster. */
    public record Member(String role, long pid, Integer port, String log) {
    }

    private LocalClusterMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: up ROOT DATA MIX MASTER | down DATA | ps DATA [--json]");
            System.exit(2);
        }
        switch (args[0]) {
            case "up":
                System.exit(up(Path.of(args[1]), Path.of(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4])));
                break;
            case "down":
                System.exit(down(Path.of(args[1])));
                break;
            case "ps":
                System.exit(ps(Path.of(args[1]), args.length > 2 && args[2].equals("--json")));
                break;
            default:
                System.err.println("unknown command " + args[0]);
                System.exit(2);
        }
    }

    static int up(Path root, Path data, int mixWorkers, int masterWorkers) throws Exception {
        ClusterLayout layout = ClusterLayout.load(data.toAbsolutePath());
        List<Member> recorded = read(layout);
        List<Member> running = alive(layout);
        if (!running.isEmpty()) {
            if (running.size() == recorded.size()) {
                System.out.println("already running: " + layout.gatewayUrl());
                printStudioHint(layout);
                return 0;
            }
            return heal(root, layout, recorded, running);
        }
        String taken = takenPort(layout);
        if (taken != null) {
            System.err.println("mixdown up: " + taken + " is already in use: another cluster (see ./mixdown ps --data DIR) or another "
                    + "program holds it; stop it, or set other ports in " + layout.data().resolve("cluster.properties"));
            return 1;
        }
        Files.createDirectories(layout.logs());
        List<Member> members = new ArrayList<>();
        String java = java();

        Path self = Path.of(LocalClusterMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Process services = start(layout, "services", List.of(java, "-Xmx512m", "-cp", classPath(self), ServicesMain.class.getName(),
                layout.data().toString()), Map.of());
        members.add(new Member("services", services.pid(), layout.kafkaPort(), "services.log"));
        waitFor("services", () -> Files.exists(layout.data().resolve("services.ready")), services, layout);

        members.add(startGateway(root, layout, members));
        List<String> workerIds = new ArrayList<>();
        for (int i = 1; i <= mixWorkers; i++) {
            workerIds.add("mix-worker-" + i);
        }
        for (int i = 1; i <= masterWorkers; i++) {
            workerIds.add("master-worker-" + i);
        }
        members.addAll(startWorkers(root, layout, workerIds, members));
        System.out.println(layout.gatewayUrl());
        printStudioHint(layout);
        return 0;
    }

    /**
     * Brings back the members of a running cluster that died (a crashed or killed gateway or
     * worker), under their old names, and leaves the living alone. The services process cannot be
     * brought back under a running cluster: then {@code down} and {@code up}.
     */
    private static int heal(Path root, ClusterLayout layout, List<Member> recorded, List<Member> running) throws Exception {
        List<String> dead = recorded.stream().filter(m -> !running.contains(m)).map(Member::role).toList();
        if (dead.contains("services")) {
            System.err.println("mixdown up: the services process (PostgreSQL, Kafka, S3Proxy) is down under a running cluster; "
                    + "run ./mixdown down, then up");
            return 1;
        }
        System.out.println("restarting " + String.join(", ", dead));
        List<Member> members = new ArrayList<>(running);
        if (dead.contains("gateway")) {
            members.add(startGateway(root, layout, members));
        }
        members.addAll(startWorkers(root, layout, dead.stream().filter(r -> r.contains("worker")).toList(), members));
        System.out.println(layout.gatewayUrl());
        return 0;
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /**
     * What every process of the cluster is told. Secrets travel in the environment (readable by
     * this user only), never in arguments that ps shows; each process gets the ones it needs: the
     * workers no database, the gateway everything.
     */
    private static Map<String, String> workerEnv(ClusterLayout layout) throws IOException {
        ClusterSecrets secrets = layout.secrets();
        return Map.of(
                "MIXDOWN_KAFKA_BOOTSTRAP", layout.kafkaBootstrap(),
                "MIXDOWN_S3_ENDPOINT", layout.s3Endpoint(),
                "MIXDOWN_S3_ACCESS_KEY", secrets.s3AccessKey(),
                "MIXDOWN_S3_SECRET_KEY", secrets.s3SecretKey(),
                "QUARKUS_HTTP_HOST", ClusterLayout.HOST);
    }

    /** Starts the gateway, records it among {@code members} (written to the processes file), and waits until it is ready. */
    private static Member startGateway(Path root, ClusterLayout layout, List<Member> members) throws Exception {
        ClusterSecrets secrets = layout.secrets();
        Map<String, String> env = new java.util.HashMap<>(workerEnv(layout));
        env.putAll(Map.of(
                "MIXDOWN_DB_URL", layout.jdbcUrl(),
                "MIXDOWN_DB_USER", ClusterSecrets.DB_USER,
                "MIXDOWN_DB_PASSWORD", secrets.dbPassword(),
                "MIXDOWN_GATEWAY_PORT", String.valueOf(layout.gatewayPort()),
                "MIXDOWN_BOOTSTRAP_API_KEY", apiKey(layout),
                "MIXDOWN_ADMIN_API_KEY", adminKey(layout)));
        // a gateway out of memory exits (and is seen as down) rather than living on with dead threads
        Process gateway = start(layout, "gateway", List.of(java(), "-Xmx512m", "-XX:+ExitOnOutOfMemoryError", "-jar",
                root.resolve("api-gateway/target/quarkus-app/quarkus-run.jar").toString()), env);
        Member member = new Member("gateway", gateway.pid(), layout.gatewayPort(), "gateway.log");
        List<Member> all = new ArrayList<>(members);
        all.add(member);
        write(layout, all);
        waitFor("gateway", () -> healthy(layout.gatewayUrl() + "/q/health/ready"), gateway, layout);
        return member;
    }

    /**
     * Starts workers by id ({@code mix-worker-N}, {@code master-worker-N}), records them with
     * {@code members}, and waits until every one answers ready (its slots run).
     */
    private static List<Member> startWorkers(Path root, ClusterLayout layout, List<String> ids, List<Member> members) throws Exception {
        Map<String, String> env = workerEnv(layout);
        Map<Member, Process> workers = new java.util.LinkedHashMap<>();
        for (String id : ids) {
            String module = id.startsWith("mix-") ? "mix-worker" : "master-worker";
            worker(layout, java(), root.resolve(module + "/target/quarkus-app/quarkus-run.jar"), id, env, workers);
        }
        List<Member> all = new ArrayList<>(members);
        all.addAll(workers.keySet());
        write(layout, all);
        for (Map.Entry<Member, Process> w : workers.entrySet()) {
            waitFor(w.getKey().role(), () -> healthy("http://" + ClusterLayout.HOST + ":" + w.getKey().port() + "/q/health/ready"),
                    w.getValue(), layout);
        }
        return new ArrayList<>(workers.keySet());
    }

    /** The first of the cluster's fixed ports that something already listens on, named; null when all are free. */
    private static String takenPort(ClusterLayout layout) {
        Map<String, Integer> ports = new java.util.LinkedHashMap<>();
        ports.put("PostgreSQL's port", layout.postgresPort());
        ports.put("Kafka's port", layout.kafkaPort());
        ports.put("Kafka's controller port", layout.controllerPort());
        ports.put("S3Proxy's port", layout.s3Port());
        ports.put("the gateway's port", layout.gatewayPort());
        for (Map.Entry<String, Integer> p : ports.entrySet()) {
            try (java.net.ServerSocket s = new java.net.ServerSocket()) {
                s.setReuseAddress(true);
                s.bind(new java.net.InetSocketAddress("127.0.0.1", p.getValue()));
            } catch (IOException e) {
                return p.getKey() + " " + p.getValue();
            }
        }
        return null;
    }

    private static void worker(ClusterLayout layout, String java, Path jar, String id, Map<String, String> env,
            Map<Member, Process> workers) throws IOException {
        int healthPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            healthPort = s.getLocalPort();
        }
        Map<String, String> e = new java.util.HashMap<>(env);
        e.put("MIXDOWN_WORKER_ID", id);
        e.put("MIXDOWN_WORK_DIR", layout.data().resolve("work").resolve(id).toString());
        e.put("MIXDOWN_DRAIN_TIMEOUT_SECONDS", String.valueOf(DRAIN_TIMEOUT.toSeconds() - 10));
        e.put("MIXDOWN_HEALTH_PORT", String.valueOf(healthPort));
        Process p = start(layout, id, List.of(java, "-Xmx768m", "-XX:+UseSerialGC", "-jar", jar.toString()), e);
        workers.put(new Member(id, p.pid(), healthPort, id + ".log"), p);
    }

    private static Process start(ClusterLayout layout, String name, List<String> command, Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        File log = layout.logs().resolve(name + ".log").toFile();
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log));
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        return pb.start();
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private static void waitFor(String what, Check check, Process process, ClusterLayout layout) throws Exception {
        long end = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < end) {
            if (check.ok()) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(what + " exited during start; see " + layout.logs().resolve(what + ".log"));
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(what + " did not become ready within " + START_TIMEOUT + "; see " + layout.logs());
    }

    private static boolean healthy(String url) {
        try {
            HttpResponse<Void> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The cluster's API key, made once and kept (readable by the owner only). */
    static String apiKey(ClusterLayout layout) throws IOException {
        return keyIn(layout.apiKeyFile());
    }

    /** The operator's key of this cluster's gateway ({@code ./mixdown tenant ...}), made on first use like the API key. */
    static String adminKey(ClusterLayout layout) throws IOException {
        return keyIn(layout.adminKeyFile());
    }

    private static String keyIn(Path f) throws IOException {
        if (Files.exists(f)) {
            return Files.readString(f).trim();
        }
        byte[] b = new byte[24];
        new java.security.SecureRandom().nextBytes(b);
        String key = "mxd_" + java.util.HexFormat.of().formatHex(b);
        Files.writeString(f, key + "\n");
        ClusterSecrets.restrictToOwner(f);
        return key;
    }

    static int down(Path data) throws Exception {
        ClusterLayout layout = ClusterLayout.load(data.toAbsolutePath());
        List<Member> members = read(layout);
        if (members.isEmpty()) {
            System.out.println("not running");
            return 0;
        }
        // workers first (they drain), then the gateway, then the services
        List<Member> order = new ArrayList<>();
        members.stream().filter(m -> m.role().contains("worker")).forEach(order::add);
        members.stream().filter(m -> m.role().equals("gateway")).forEach(order::add);
        members.stream().filter(m -> m.role().equals("services")).forEach(order::add);
        for (Member m : order) {
            Optional<ProcessHandle> h = ProcessHandle.of(m.pid());
            if (h.isPresent() && h.get().isAlive()) {
                h.get().destroy();
                try {
                    h.get().onExit().get(DRAIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    h.get().destroyForcibly();
                }
            }
        }
        Files.deleteIfExists(layout.processesFile());
        System.out.println("stopped " + members.size() + " processes");
        return 0;
    }

    static int ps(Path data, boolean json) throws IOException {
        ClusterLayout layout = ClusterLayout.load(data.toAbsolutePath());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Member m : read(layout)) {
            boolean alive = ProcessHandle.of(m.pid()).map(ProcessHandle::isAlive).orElse(false);
            Map<String, Object> row = new java.util.LinkedHashMap<>();
            row.put("role", m.role());
            row.put("pid", m.pid());
            row.put("port", m.port());
            row.put("alive", alive);
            row.put("log", layout.logs().resolve(m.log()).toString());
            rows.add(row);
        }
        if (json) {
            System.out.println(JSON.writeValueAsString(rows));
        } else if (rows.isEmpty()) {
            System.out.println("not running");
        } else {
            System.out.printf("%-18s %8s %6s %6s%n", "ROLE", "PID", "PORT", "ALIVE");
            for (Map<String, Object> r : rows) {
                System.out.printf("%-18s %8d %6s %6s%n", r.get("role"), r.get("pid"), r.get("port") == null ? "-" : r.get("port"), r.get("alive"));
            }
        }
        return 0;
    }

    private static List<Member> alive(ClusterLayout layout) throws IOException {
        List<Member> out = new ArrayList<>();
        for (Member m : read(layout)) {
            if (ProcessHandle.of(m.pid()).map(ProcessHandle::isAlive).orElse(false)) {
                out.add(m);
            }
        }
        return out;
    }

    private static List<Member> read(ClusterLayout layout) throws IOException {
        if (!Files.exists(layout.processesFile())) {
            return List.of();
        }
        return JSON.readValue(layout.processesFile().toFile(), new TypeReference<List<Member>>() { });
    }

    private static void write(ClusterLayout layout, List<Member> members) throws IOException {
        JSON.writeValue(layout.processesFile().toFile(), members);
    }

    /** This jar and its lib folder, as a class path. */
    private static String classPath(Path self) {
        if (Files.isDirectory(self)) {
            return self.toString() + File.pathSeparator + System.getProperty("java.class.path");
        }
        return self.toString() + File.pathSeparator + self.resolveSibling("lib").toString() + File.separator + "*";
    }

    /** Where a person goes next (on stderr: stdout stays the gateway URL alone, for scripts); the key itself is not printed. */
    private static void printStudioHint(ClusterLayout layout) {
        System.err.println("Mixdown Studio: open " + layout.gatewayUrl() + "/ in a browser and sign in with the API key in "
                + layout.apiKeyFile());
    }
}
