package dev.mixdown.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Kustomize build (the base and each overlay under deploy/k8s/overlays) as {@code kubectl
 * kustomize} makes it, and each object in it read into fabric8's Kubernetes model for its kind: a
 * field the model does not know (a typo, a field at the wrong level) fails, as the API server would
 * refuse it. Custom resources (KEDA, Strimzi, CloudNativePG) are checked for their identity only.
 */
class KubernetesManifestsTest {
    private static final ObjectMapper STRICT = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final Map<String, Class<? extends HasMetadata>> MODELS = Map.of(
            "v1/Namespace", Namespace.class, "v1/ConfigMap", ConfigMap.class, "v1/Secret", Secret.class, "v1/Service", Service.class,
            "apps/v1/Deployment", Deployment.class, "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class);
    /** Custom resources of the operators the overlays rely on. */
    private static final Set<String> CUSTOM = Set.of("keda.sh/v1alpha1/ScaledObject", "kafka.strimzi.io/v1beta2/Kafka",
            "kafka.strimzi.io/v1beta2/KafkaNodePool", "kafka.strimzi.io/v1beta2/KafkaTopic", "postgresql.cnpg.io/v1/Cluster",
            "postgresql.cnpg.io/v1/ScheduledBackup");

    static Stream<String> builds() throws IOException {
        List<String> dirs = new ArrayList<>(List.of("deploy/k8s/base"));
        try (Stream<Path> overlays = Files.list(Repo.file("deploy/k8s/overlays"))) {
            overlays.filter(Files::isDirectory).sorted().forEach(o -> dirs.add(Repo.root().relativize(o).toString()));
        }
        return dirs.stream();
    }

    static String kustomize(String dir) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder("kubectl", "kustomize", Repo.file(dir).toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("kubectl is not installed: .ci/run installs it (apt-get install kubectl); the overlays cannot be built", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "kubectl kustomize " + dir + " did not finish");
        assertEquals(0, p.exitValue(), "kubectl kustomize " + dir + " failed:\n" + out);
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builds")
    @DisplayName("the build's objects all parse against the Kubernetes model of their kind, with no unknown field")
    void objectsParse(String dir) throws Exception {
        List<ObjectNode> docs = Repo.documents(kustomize(dir));
        assertFalse(docs.isEmpty(), dir + " built no object");
        for (ObjectNode doc : docs) {
            String type = doc.path("apiVersion").asText() + "/" + doc.path("kind").asText();
            String name = doc.path("metadata").path("name").asText();
            assertFalse(name.isEmpty(), dir + ": a " + type + " has no metadata.name");
            Class<? extends HasMetadata> model = MODELS.get(type);
            if (model == null) {
                assertTrue(CUSTOM.contains(type), dir + ": " + type + " " + name + " is neither a modelled kind nor a known custom resource");
                assertTrue(doc.has("spec"), dir + ": " + type + " " + name + " has no spec");
                continue;
            }
            try {
                unknownFields(STRICT.treeToValue(doc, model), type + " " + name, new IdentityHashMap<>());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                fail(dir + ": " + type + " " + name + " does not parse: " + e.getOriginalMessage());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builds")
    @DisplayName("selectors meet: each Deployment selects its pods, each disruption budget and scaled object names a Deployment")
    void selectorsMeet(String dir) throws Exception {
        List<ObjectNode> docs = Repo.documents(kustomize(dir));
        List<Deployment> deployments = new ArrayList<>();
        for (ObjectNode d : docs) {
            if ("Deployment".equals(d.path("kind").asText())) {
                deployments.add(STRICT.treeToValue(d, Deployment.class));
            }
        }
        for (Deployment d : deployments) {
            assertTrue(matches(d.getSpec().getSelector(), d.getSpec().getTemplate().getMetadata().getLabels()),
                    dir + ": Deployment " + d.getMetadata().getName() + " does not select its own pods");
        }
        for (ObjectNode doc : docs) {
            String kind = doc.path("kind").asText();
            if ("PodDisruptionBudget".equals(kind)) {
                PodDisruptionBudget pdb = STRICT.treeToValue(doc, PodDisruptionBudget.class);
                assertTrue(deployments.stream().anyMatch(d -> matches(pdb.getSpec().getSelector(), d.getSpec().getTemplate().getMetadata().getLabels())),
                        dir + ": PodDisruptionBudget " + pdb.getMetadata().getName() + " selects no pods");
            } else if ("NetworkPolicy".equals(kind)) {
                NetworkPolicy np = STRICT.treeToValue(doc, NetworkPolicy.class);
                assertTrue(deployments.stream().anyMatch(d -> matches(np.getSpec().getPodSelector(), d.getSpec().getTemplate().getMetadata().getLabels())),
                        dir + ": NetworkPolicy " + np.getMetadata().getName() + " selects no pods");
            } else if ("ScaledObject".equals(kind)) {
                String target = doc.path("spec").path("scaleTargetRef").path("name").asText();
                assertTrue(deployments.stream().anyMatch(d -> d.getMetadata().getName().equals(target)),
                        dir + ": ScaledObject " + doc.path("metadata").path("name").asText() + " scales no Deployment (" + target + ")");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builds")
    @DisplayName("a worker's grace period covers its drain timeout plus the hand-back (docs/reliability.md)")
    void gracePeriodsCoverDrain(String dir) throws Exception {
        List<ObjectNode> docs = Repo.documents(kustomize(dir));
        long drain = docs.stream().filter(d -> "ConfigMap".equals(d.path("kind").asText()) && "mixdown".equals(d.path("metadata").path("name").asText()))
                .mapToLong(d -> d.path("data").path("MIXDOWN_DRAIN_TIMEOUT_SECONDS").asLong(60)).findFirst().orElse(60);
        for (ObjectNode d : docs) {
            if ("Deployment".equals(d.path("kind").asText()) && d.path("metadata").path("name").asText().endsWith("-worker")) {
                long grace = d.path("spec").path("template").path("spec").path("terminationGracePeriodSeconds").asLong(30);
                assertTrue(grace >= drain + 10, dir + ": " + d.path("metadata").path("name").asText() + " has terminationGracePeriodSeconds "
                        + grace + ", under the drain timeout " + drain + " s plus 10 s for the hand-back");
            }
        }
    }

    private static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        if (selector.getMatchLabels() != null && !selector.getMatchLabels().entrySet().stream()
                .allMatch(e -> e.getValue().equals(labels.get(e.getKey())))) {
            return false;
        }
        for (LabelSelectorRequirement r : selector.getMatchExpressions() == null ? List.<LabelSelectorRequirement>of() : selector.getMatchExpressions()) {
            boolean has = labels.containsKey(r.getKey());
            boolean in = has && r.getValues() != null && r.getValues().contains(labels.get(r.getKey()));
            boolean ok = switch (r.getOperator()) {
                case "In" -> in;
                case "NotIn" -> !in;
                case "Exists" -> has;
                case "DoesNotExist" -> !has;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * fabric8's models keep fields they do not know in {@code additionalProperties} rather than fail:
     * walk the parsed object and fail on any such field, naming where it is.
     */
    private static void unknownFields(Object o, String where, IdentityHashMap<Object, Boolean> seen) throws Exception {
        if (o == null || seen.put(o, true) != null) {
            return;
        }
        if (o instanceof Iterable<?> list) {
            int i = 0;
            for (Object e : list) {
                unknownFields(e, where + "[" + i++ + "]", seen);
            }
            return;
        }
        if (o instanceof Map<?, ?> map) {
            for (var e : map.entrySet()) {
                unknownFields(e.getValue(), where + "." + e.getKey(), seen);
            }
            return;
        }
        if (!o.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method m : o.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || !m.getName().startsWith("get") || m.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value = m.invoke(o);
            if (m.getName().equals("getAdditionalProperties")) {
                Map<?, ?> extra = (Map<?, ?>) value;
                assertTrue(extra == null || extra.isEmpty(), where + " has fields the Kubernetes model does not know: "
                        + (extra == null ? "" : extra.keySet()));
            } else {
                String field = Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4);
                unknownFields(value, where + "." + field, seen);
            }
        }
    }
}
