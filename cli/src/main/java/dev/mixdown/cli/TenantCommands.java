package dev.mixdown.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code tenant create|list|plan|key-create|key-revoke}: the gateway's operator API ({@code /admin}),
 * with the operator's key ({@code $MIXDOWN_ADMIN_KEY}, or the local cluster's {@code admin-key}).
 */
@Command(name = "tenant", mixinStandardHelpOptions = true,
        description = {"Manage tenants, their plans and API keys through the gateway's operator API.",
            "Uses the operator key in $MIXDOWN_ADMIN_KEY, or the one the local cluster keeps in its data folder."},
        subcommands = {TenantCommands.Create.class, TenantCommands.List.class, TenantCommands.Plan.class, TenantCommands.KeyCreate.class,
            TenantCommands.KeyRevoke.class})
final class TenantCommands {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where the gateway is and how to reach its operator API. */
    static final class Target {
        @Option(names = "--gateway", paramLabel = "URL", description = "Gateway URL (default: the local cluster's).")
        String gateway;

        @Option(names = "--data", paramLabel = "DIR", description = "Data folder of the local cluster (for its URL and operator key).")
        Path data;

        @Option(names = "--json", description = "Print the gateway's answer as JSON.")
        boolean json;

        ClusterClient admin() throws java.io.IOException {
            Path dir = gateway != null ? LocalCluster.data(data) : LocalCluster.clusterData(data);
            return new ClusterClient(gateway != null ? gateway : LocalCluster.gatewayUrl(dir), LocalCluster.adminKey(dir))
                    .keyHint("the operator key came from $MIXDOWN_ADMIN_KEY or " + dir.resolve("admin-key"));
        }
    }

    /** Runs one operator call, printing its answer (JSON, or the lines {@code text} makes); exit 2 on a refusal, 1 when the gateway is unreachable. */
    abstract static class AdminCall implements Callable<Integer> {
        @Mixin
        Target target;

        @Spec
        CommandSpec spec;

        abstract JsonNode call(ClusterClient admin) throws Exception;

        abstract void text(JsonNode answer, PrintWriter out);

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            try {
                JsonNode answer = call(target.admin());
                if (target.json) {
                    out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(answer));
                } else {
                    text(answer, out);
                }
                out.flush();
                return 0;
            } catch (IllegalArgumentException | ClusterClient.Unavailable e) {
                spec.commandLine().getErr().println(spec.qualifiedName() + ": " + e.getMessage());
                spec.commandLine().getErr().flush();
                return e instanceof ClusterClient.Unavailable ? 1 : MixdownCli.EXIT_BAD_INPUT;
            }
        }
    }

    /** A request body from names and values, in order; a value not given stays null (the gateway's default). */
    static Map<String, Object> fields(String... namesAndValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            body.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return body;
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a tenant on a plan (default: the gateway's default plan).")
    static final class Create extends AdminCall {
        @Parameters(paramLabel = "ID", description = "The tenant's id: lower-case letters, digits and dashes.")
        String id;

        @Option(names = "--name", description = "A readable name (default: the id).")
        String name;

        @Option(names = "--plan", description = "The plan: free, pro, unlimited or one the operator made.")
        String plan;

        @Override
        JsonNode call(ClusterClient admin) throws Exception {
            return admin.call("POST", "/admin/tenants", fields("id", id, "name", name, "plan", plan));
        }

        @Override
        void text(JsonNode t, PrintWriter out) {
            out.println("tenant " + t.path("id").asText() + " created on plan " + t.path("plan").asText()
                    + "; give it a key with: ./mixdown tenant key-create " + t.path("id").asText());
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the tenants with their plans and active keys.")
    static final class List extends AdminCall {
        @Override
        JsonNode call(ClusterClient admin) throws Exception {
            return admin.call("GET", "/admin/tenants", null);
        }

        @Override
        void text(JsonNode tenants, PrintWriter out) {
            out.printf("%-24s %-14s %11s  %s%n", "TENANT", "PLAN", "ACTIVE KEYS", "NAME");
            for (JsonNode t : tenants) {
                out.printf("%-24s %-14s %11d  %s%n", t.path("id").asText(), t.path("plan").asText(), t.path("activeKeys").asLong(),
                        t.path("name").asText());
            }
        }
    }

    @Command(name = "plan", mixinStandardHelpOptions = true, description = "Move a tenant to another plan; its next request is held to it.")
    static final class Plan extends AdminCall {
        @Parameters(index = "0", paramLabel = "TENANT", description = "The tenant's id.")
        String tenant;

        @Parameters(index = "1", paramLabel = "PLAN", description = "The plan: free, pro, unlimited or one the operator made.")
        String plan;

        @Override
        JsonNode call(ClusterClient admin) throws Exception {
            return admin.call("PUT", "/admin/tenants/" + tenant + "/plan", Map.of("plan", plan));
        }

        @Override
        void text(JsonNode t, PrintWriter out) {
            out.println("tenant " + t.path("id").asText() + " is on plan " + t.path("plan").asText());
        }
    }

    @Command(name = "key-create", mixinStandardHelpOptions = true,
            description = {"Make an API key for a tenant and print it.", "The key is shown this once: the gateway keeps only its hash."})
    static final class KeyCreate extends AdminCall {
        @Parameters(paramLabel = "TENANT", description = "The tenant's id.")
        String tenant;

        @Option(names = "--label", description = "What the key is for (shown in listings).")
        String label;

        @Override
        JsonNode call(ClusterClient admin) throws Exception {
            return admin.call("POST", "/admin/tenants/" + tenant + "/keys", fields("label", label));
        }

        @Override
        void text(JsonNode k, PrintWriter out) {
            out.println(k.path("key").asText());
            out.println("(key id " + k.path("id").asText() + "; this is the only time the key is shown: store it now)");
        }
    }

    @Command(name = "key-revoke", mixinStandardHelpOptions = true,
            description = {"Revoke an API key: at once, or after a grace period while clients move to a newer key.",
                "Rotation without downtime: key-create, move the clients to the new key, then key-revoke the old one."})
    static final class KeyRevoke extends AdminCall {
        @Parameters(index = "0", paramLabel = "TENANT", description = "The tenant's id.")
        String tenant;

        @Parameters(index = "1", paramLabel = "KEY_ID", description = "The key's id (as key-create printed it).")
        String keyId;

        @Option(names = "--grace", paramLabel = "DURATION", defaultValue = "PT0S",
                description = "How long the key keeps working, as ISO-8601 (PT1H is one hour; default: revoked at once).")
        Duration grace;

        @Override
        JsonNode call(ClusterClient admin) throws Exception {
            return admin.call("DELETE", "/admin/tenants/" + tenant + "/keys/" + keyId + "?graceSeconds=" + grace.toSeconds(), null);
        }

        @Override
        void text(JsonNode k, PrintWriter out) {
            out.println("key " + k.path("id").asText() + " of tenant " + tenant + " revoked as of " + k.path("revokedAt").asText());
        }
    }
}
