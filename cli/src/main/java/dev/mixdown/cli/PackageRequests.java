package dev.mixdown.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of a package job ({@code ./mixdown submit --package}): the uploaded stems or mix, the
 * spec as a preset name or read from a JSON file (the shape {@code ./mixdown package --spec} reads),
 * the track's metadata (from a JSON file, else titled after the folder or file), and the voice tag.
 */
final class PackageRequests {
    private PackageRequests() {
    }

    /**
     * @param stemKeys the uploaded stems, or null for a stereo mix
     * @param mixKey   the uploaded stereo mix, or null for stems
     * @param presetOrSpec a preset name, or the path of a spec file (ending in .json)
     * @param meta     a metadata file, or null
     * @param title    the title when there is no metadata file
     * @param tagKey   the uploaded voice tag, or null
     */
    static Map<String, Object> body(String lane, List<String> stemKeys, String mixKey, String presetOrSpec, Path meta, String title,
            String tagKey) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", "package");
        body.put("lane", lane);
        if (stemKeys != null) {
            body.put("stems", stemKeys.stream().map(k -> Map.of("key", k)).toList());
        } else {
            body.put("input", mixKey);
        }
        if (presetOrSpec.endsWith(".json")) {
            body.put("spec", PackageCommand.readMap(Path.of(presetOrSpec)));
        } else {
            body.put("preset", presetOrSpec);
        }
        body.put("metadata", meta != null ? PackageCommand.readMap(meta) : Map.of("title", title));
        if (tagKey != null) {
            body.put("tag", tagKey);
        }
        return body;
    }

    /** Whether {@code presetOrSpec} names a spec file that is not there (a preset name is checked by the gateway). */
    static void checkSpecFile(String presetOrSpec) {
        if (presetOrSpec.endsWith(".json") && !Files.isRegularFile(Path.of(presetOrSpec))) {
            throw new IllegalArgumentException(presetOrSpec + ": no such spec file");
        }
    }
}
