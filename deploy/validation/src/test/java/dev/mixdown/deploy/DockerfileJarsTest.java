package dev.mixdown.deploy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfiles copy the build's output (module/target/quarkus-app/...): after the build (this
 * module is built after the gateway and workers), every path they copy exists, for each worker the
 * worker Dockerfile can be built for.
 */
class DockerfileJarsTest {
    private static final Pattern COPY = Pattern.compile("^COPY\\s+(\\S+)\\s+\\S+", Pattern.MULTILINE);

    @Test
    @DisplayName("every build output the Dockerfiles copy exists")
    void copiedOutputsExist() throws Exception {
        List<String> checked = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(Repo.file("deploy/docker"), "Dockerfile.*")) {
            for (Path dockerfile : files) {
                String text = Files.readString(dockerfile);
                List<String> modules = text.contains("${WORKER}") ? List.of("mix-worker", "master-worker") : List.of("");
                Matcher m = COPY.matcher(text);
                while (m.find()) {
                    for (String module : modules) {
                        String source = m.group(1).replace("${WORKER}", module);
                        if (source.contains("target/")) {
                            assertTrue(exists(source), dockerfile.getFileName() + " copies " + source + ", which the build did not make"
                                    + " (build with ./mvnw package first)");
                            checked.add(source);
                        }
                    }
                }
            }
        }
        assertFalse(checked.isEmpty(), "no Dockerfile copies a build output");
        assertTrue(checked.contains("api-gateway/target/quarkus-app/"), checked.toString());
    }

    /** A path, or a glob in its last part (e.g. {@code *.jar}), that matches something. */
    private static boolean exists(String source) throws Exception {
        Path p = Repo.file(source.replaceAll("/$", ""));
        if (!p.getFileName().toString().contains("*")) {
            return Files.exists(p);
        }
        try (DirectoryStream<Path> matches = Files.newDirectoryStream(p.getParent(), p.getFileName().toString())) {
            return matches.iterator().hasNext();
        }
    }
}
