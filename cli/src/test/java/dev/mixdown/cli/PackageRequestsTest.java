package dev.mixdown.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Package job requests from the command line")
class PackageRequestsTest {

    @Test
    @DisplayName("a preset name goes as the preset, a spec file as the spec, and without metadata the package is titled after its folder")
    void presetOrSpec(@TempDir Path dir) throws Exception {
        Map<String, Object> preset = PackageRequests.body("bulk", List.of("k/drums.wav", "k/vocal.wav"), null, "beat-store", null, "Night Drive",
                "k/tag.wav");
        assertEquals("package", preset.get("kind"));
        assertEquals("beat-store", preset.get("preset"));
        assertEquals(List.of(Map.of("key", "k/drums.wav"), Map.of("key", "k/vocal.wav")), preset.get("stems"));
        assertEquals(Map.of("title", "Night Drive"), preset.get("metadata"));
        assertEquals("k/tag.wav", preset.get("tag"));
        assertFalse(preset.containsKey("input"));

        Path spec = Files.writeString(dir.resolve("spec.json"), "{\"preset\": \"streaming\", \"lengths\": [\"full\", \"30\"]}");
        Path meta = Files.writeString(dir.resolve("meta.json"), "{\"title\": \"Song\", \"isrc\": \"GB-ABC-26-00001\"}");
        Map<String, Object> inline = PackageRequests.body("interactive", null, "k/mix.wav", spec.toString(), meta, "ignored", null);
        assertEquals(Map.of("preset", "streaming", "lengths", List.of("full", "30")), inline.get("spec"));
        assertEquals("k/mix.wav", inline.get("input"));
        assertEquals("Song", ((Map<?, ?>) inline.get("metadata")).get("title"));
        assertFalse(inline.containsKey("tag") || inline.containsKey("preset"));
    }

    @Test
    @DisplayName("a spec file that is not there is named before anything is uploaded")
    void missingSpec(@TempDir Path dir) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PackageRequests.checkSpecFile(dir.resolve("nope.json").toString()));
        assertTrue(e.getMessage().contains("nope.json"), e.getMessage());
        PackageRequests.checkSpecFile("sync-library");
    }
}
