package dev.mixdown.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard and the Prometheus alert rules chart and watch metrics that exist: every
 * metric named in a panel's query or a rule's expression is one the gateway or the workers
 * register (a {@code "mixdown..."} meter name in their sources, in Prometheus' spelling), or one of
 * Quarkus' own.
 */
class DashboardAndAlertsTest {
    private static final Pattern METRIC = Pattern.compile("\\b((?:mixdown|http_server)_[a-z0-9_]+)");
    private static final Pattern METER_NAME = Pattern.compile("\"(mixdown(?:\\.[a-z0-9_]+)+)\"");
    /** Micrometer's Prometheus names for a meter: counters get _total, timers _seconds and its series. */
    private static final List<String> SUFFIXES = List.of("", "_total", "_seconds", "_seconds_count", "_seconds_sum", "_seconds_max",
            "_seconds_bucket");
    /** Quarkus' HTTP server metrics (quarkus-micrometer), not in our sources. */
    private static final Set<String> FRAMEWORK = Set.of("http_server_requests_seconds_count", "http_server_requests_seconds_sum");

    static Set<String> registeredMetrics() throws Exception {
        Set<String> names = new HashSet<>(FRAMEWORK);
        for (String module : List.of("api-gateway", "worker-runtime", "mix-worker", "master-worker")) {
            try (Stream<Path> files = Files.walk(Repo.file(module + "/src/main/java"))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    Matcher m = METER_NAME.matcher(Files.readString(f));
                    while (m.find()) {
                        String base = m.group(1).replace('.', '_');
                        SUFFIXES.forEach(s -> names.add(base + s));
                    }
                }
            }
        }
        return names;
    }

    static List<String> metricsIn(String expr) {
        List<String> found = new ArrayList<>();
        Matcher m = METRIC.matcher(expr);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    @Test
    @DisplayName("each dashboard panel queries the provisioned data source and names only metrics that exist")
    void dashboardPanels() throws Exception {
        Set<String> known = registeredMetrics();
        JsonNode dashboard = new ObjectMapper().readTree(Repo.file("deploy/grafana/dashboards/mixdown-cluster.json").toFile());
        String uid = Repo.YAML.readTree(Repo.file("deploy/grafana/provisioning/datasources/prometheus.yml").toFile())
                .path("datasources").get(0).path("uid").asText();
        assertFalse(dashboard.path("uid").asText().isEmpty(), "the dashboard has a uid");
        assertTrue(dashboard.path("panels").size() >= 10, "the dashboard has its panels");
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            String title = panel.path("title").asText();
            assertTrue(ids.add(panel.path("id").asInt()), "panel ids are unique: " + title);
            assertEquals(uid, panel.path("datasource").path("uid").asText(), title + ": the provisioned data source");
            assertFalse(panel.path("targets").isEmpty(), title + " has no query");
            for (JsonNode target : panel.path("targets")) {
                List<String> metrics = metricsIn(target.path("expr").asText());
                assertFalse(metrics.isEmpty(), title + ": its query names no Mixdown metric");
                metrics.forEach(m -> assertTrue(known.contains(m), title + ": " + m + " is not a metric the gateway or workers register"));
            }
        }
    }

    @Test
    @DisplayName("each alert rule names only metrics that exist, and says what it means")
    void alertRules() throws Exception {
        Set<String> known = registeredMetrics();
        JsonNode groups = Repo.YAML.readTree(Repo.file("deploy/prometheus/alerts.yml").toFile()).path("groups");
        int rules = 0;
        for (JsonNode group : groups) {
            for (JsonNode rule : group.path("rules")) {
                String name = rule.path("alert").asText();
                List<String> metrics = metricsIn(rule.path("expr").asText());
                assertFalse(metrics.isEmpty(), name + " names no metric");
                metrics.forEach(m -> assertTrue(known.contains(m), name + ": " + m + " is not a metric the gateway or workers register"));
                assertFalse(rule.path("annotations").path("description").asText().isEmpty(), name + " says what to do");
                assertTrue(Files.readString(Repo.file("docs/operations.md")).contains(name), name + " is explained in docs/operations.md");
                rules++;
            }
        }
        assertTrue(rules >= 4, "stuck jobs, DLQ, no ready worker and failing webhooks are watched");
    }

    @Test
    @DisplayName("the check can fail: a metric nobody registers is not known")
    void unknownMetricIsCaught() throws Exception {
        assertFalse(registeredMetrics().contains("mixdown_jobs_teleported_total"));
        assertTrue(registeredMetrics().contains("mixdown_worker_job_duration_seconds_count"));
    }
}
