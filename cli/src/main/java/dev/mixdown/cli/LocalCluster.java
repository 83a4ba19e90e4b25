package dev.mixdown.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;

/**
 * Where the CLI finds the project and the local cluster: the root (two levels above the CLI's jar),
 * the data folder ({@code --data}, {@code MIXDOWN_DATA} or {@code mixdown-data} under the root), and
 * the cluster's gateway URL and API key in that folder.
 */
final class LocalCluster {
    private LocalCluster() {
    }

    static Path root() {
        try {
            Path jar = Path.of(MixdownCli.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return jar.getParent().getParent().getParent(); // cli/target/mixdown-cli.jar
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path data(Path given) {
        if (given != null) {
            return given.toAbsolutePath();
        }
        String env = System.getenv("MIXDOWN_DATA");
        if (env != null) {
            return Path.of(env).toAbsolutePath();
        }
        Path remembered = rememberedData();
        return remembered != null && running(remembered) ? remembered : root().resolve("mixdown-data");
    }

    /**
     * The data folder of the local cluster a client command talks to: as {@link #data(Path)} finds it, refused
     * with how to fix it when no cluster runs there but the one {@code up} last started runs elsewhere (that
     * cluster's gateway would only answer "unknown API key": each data folder has its own keys).
     */
    static Path clusterData(Path given) {
        Path dir = data(given);
        String other = otherCluster(dir, rememberedData(), LocalCluster::running);
        if (other != null) {
            throw new IllegalArgumentException(other);
        }
        return dir;
    }

    /** What to say when nothing runs with {@code data} but {@code remembered}'s cluster runs; null when that is not so. */
    static String otherCluster(Path data, Path remembered, Predicate<Path> running) {
        if (remembered == null || remembered.equals(data) || running.test(data) || !running.test(remembered)) {
            return null;
        }
        String source = System.getenv("MIXDOWN_DATA") != null ? " ($MIXDOWN_DATA)" : "";
        return "no local cluster runs with the data folder " + data + source + "; the running cluster was started with --data "
                + remembered + ": pass --data " + remembered + (source.isEmpty() ? "" : " or unset MIXDOWN_DATA")
                + ", or stop it (./mixdown down --data " + remembered + ") and start one with ./mixdown up --data " + data;
    }

    /** Where {@code up} last started a cluster, so later commands find it without --data. */
    static void rememberData(Path data) throws IOException {
        Files.createDirectories(root().resolve("target"));
        Files.writeString(root().resolve(REMEMBERED), data.toAbsolutePath() + "\n");
    }

    private static final String REMEMBERED = "target/mixdown-cluster-data";

    private static Path rememberedData() {
        try {
            Path f = root().resolve(REMEMBERED);
            return Files.exists(f) ? Path.of(Files.readString(f).trim()) : null;
        } catch (IOException | java.nio.file.InvalidPathException e) {
            return null;
        }
    }

    /** What a 401 should add: where the key came from, and how to point at the right cluster. */
    static String keyHint(Path data) {
        return System.getenv("MIXDOWN_API_KEY") != null ? "the key is $MIXDOWN_API_KEY"
                : "the key came from " + data.resolve("api-key") + "; a cluster started with another --data has other keys:"
                        + " pass the --data it was started with, or set MIXDOWN_API_KEY";
    }

    static String adminKey(Path data) throws IOException {
        String env = System.getenv("MIXDOWN_ADMIN_KEY");
        if (env != null && !env.isBlank()) {
            return env.trim();
        }
        Path f = data.resolve("admin-key");
        if (!Files.exists(f)) {
            throw new IllegalArgumentException("no operator key: set MIXDOWN_ADMIN_KEY, or start the local cluster with ./mixdown up (it writes "
                    + f + ")");
        }
        return Files.readString(f).trim();
    }

    static String gatewayUrl(Path data) throws IOException {
        Path props = data.resolve("cluster.properties");
        if (!Files.exists(props)) {
            return "http://127.0.0.1:18080";
        }
        Properties p = new Properties();
        try (var in = Files.newInputStream(props)) {
            p.load(in);
        }
        return "http://127.0.0.1:" + p.getProperty("gateway.port", "18080");
    }

    static String apiKey(Path data) throws IOException {
        String env = System.getenv("MIXDOWN_API_KEY");
        if (env != null && !env.isBlank()) {
            return env.trim();
        }
        Path f = data.resolve("api-key");
        if (!Files.exists(f)) {
            throw new IllegalArgumentException("no API key: set MIXDOWN_API_KEY, or start the local cluster with ./mixdown up (it writes "
                    + f + ")");
        }
        return Files.readString(f).trim();
    }

    /** Runs the local-cluster program (deploy/local) with these arguments, sharing this terminal; returns its exit code. */
    static int run(String... args) throws IOException, InterruptedException {
        Path jar = root().resolve("deploy/local/target/deploy-local.jar");
        if (!Files.exists(jar)) {
            throw new IllegalArgumentException(jar + " is missing: build with ./mvnw package -DskipTests (./mixdown does this on first use)");
        }
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-jar", jar.toString()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).inheritIO().start().waitFor();
    }

    static boolean running(Path data) {
        Path f = data.resolve("processes.json");
        if (!Files.exists(f)) {
            return false;
        }
        try {
            for (var node : new com.fasterxml.jackson.databind.ObjectMapper().readTree(f.toFile())) {
                if (ProcessHandle.of(node.get("pid").asLong()).map(ProcessHandle::isAlive).orElse(false)) {
                    return true;
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }
}
