package dev.mixdown.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * deploy/compose.yaml against the Compose Specification's JSON schema (src/test/resources/compose-spec.json,
 * from the compose-spec repository; Debian's docker-compose 1.29 predates the top-level {@code name}).
 */
class ComposeFileTest {
    /** Read from the class path by its location, against which the schema's relative {@code $id} resolves. */
    private static JsonSchema schema() {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(SchemaLocation.of("classpath:compose-spec.json"));
    }

    /** compose.yaml as the Compose tools read it: SnakeYAML resolves its anchors and aliases ({@code *worker-env}), Jackson's YAML reader does not. */
    private static JsonNode compose() throws Exception {
        try (var in = java.nio.file.Files.newBufferedReader(Repo.file("deploy/compose.yaml"))) {
            Object tree = new org.yaml.snakeyaml.Yaml().load(in);
            return Repo.YAML.valueToTree(tree);
        }
    }

    @Test
    @DisplayName("compose.yaml validates against the Compose Specification's JSON schema")
    void validatesAgainstTheSpecification() throws Exception {
        JsonSchema schema = schema();
        Set<ValidationMessage> errors = schema.validate(compose());
        assertTrue(errors.isEmpty(), "deploy/compose.yaml: " + errors);
    }

    @Test
    @DisplayName("the schema check can fail: a misspelt service key is reported")
    void schemaCatchesMistakes() throws Exception {
        JsonSchema schema = schema();
        JsonNode broken = compose().deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) broken.path("services").path("gateway")).put("restart_policy", "always");
        Set<ValidationMessage> errors = schema.validate(broken);
        assertEquals(1, errors.size(), "one unknown key, one error: " + errors);
        assertTrue(errors.iterator().next().getMessage().contains("restart_policy"), errors.toString());
    }

    @Test
    @DisplayName("every file compose mounts from the repository exists (Prometheus' and Grafana's configuration)")
    void mountedFilesExist() throws Exception {
        JsonNode services = compose().path("services");
        Path deploy = Repo.file("deploy");
        int mounts = 0;
        for (JsonNode service : services) {
            for (JsonNode volume : service.path("volumes")) {
                String source = volume.asText().split(":")[0];
                if (source.startsWith("./")) {
                    assertTrue(Files.exists(deploy.resolve(source).normalize()), "compose mounts " + source + ", which does not exist");
                    mounts++;
                }
            }
        }
        assertTrue(mounts >= 4, "Prometheus' two files and Grafana's two folders are mounted; found " + mounts);
    }
}
