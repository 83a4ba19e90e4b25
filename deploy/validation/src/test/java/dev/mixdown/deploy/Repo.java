package dev.mixdown.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The repository the checks read (system property {@code mixdown.root}, set by the POM), and YAML reading. */
final class Repo {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Repo() {
    }

    static Path root() {
        return Path.of(System.getProperty("mixdown.root", "../..")).toAbsolutePath().normalize();
    }

    static Path file(String relative) {
        return root().resolve(relative);
    }

    /** Every document of a multi-document YAML text, skipping empty ones. */
    static List<ObjectNode> documents(String yaml) throws IOException {
        List<ObjectNode> docs = new ArrayList<>();
        try (YAMLParser p = ((YAMLFactory) YAML.getFactory()).createParser(yaml)) {
            var it = YAML.readValues(p, JsonNode.class);
            while (it.hasNext()) {
                JsonNode n = it.next();
                if (n instanceof ObjectNode o) {
                    docs.add(o);
                }
            }
        }
        return docs;
    }
}
