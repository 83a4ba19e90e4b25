package dev.mixdown.jobs.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Package rules at the gateway")
class PackageRulesTest {
    private static final List<StemInput> STEMS = List.of(StemInput.of("tenants/a/uploads/u/vocal.wav"),
            StemInput.of("tenants/a/uploads/u/bass.wav"));
    private static final String MIX = "tenants/a/uploads/u/mix.wav";

    @Test
    @DisplayName("a package is split into the versions of its spec, else of its preset, else the main alone")
    void versions() {
        assertEquals(List.of("main", "instrumental"), PackageRules.versions(Map.of("preset", "streaming")));
        assertEquals(List.of("main", "no-bass"), PackageRules.versions(Map.of("preset", "streaming",
                "versions", List.of("main", Map.of("name", "no-bass", "mute", List.of("bass"))))));
        assertEquals(List.of("main"), PackageRules.versions(Map.of("lengths", List.of("full"))));
    }

    @Test
    @DisplayName("what cannot be made is refused with a code and the reason: an unknown preset, a twice-listed version, versions from a"
            + " stereo mix, previews without a tag, stems and a mix at once")
    void refusals() {
        assertEquals(RuleViolation.UNKNOWN_PRESET, refused(Map.of("preset", "radio"), null, STEMS, null).code());
        assertTrue(refused(Map.of("versions", List.of("main", "main")), null, STEMS, null).getMessage().contains("listed twice"));
        assertTrue(refused(Map.of("preset", "sync-library"), MIX, null, null).getMessage().contains("stereo mix"));
        assertTrue(refused(Map.of("stemsFor", List.of("main")), MIX, null, null).getMessage().contains("stereo mix"));
        assertTrue(refused(Map.of("preset", "beat-store"), null, STEMS, null).getMessage().contains("voice tag"));
        assertTrue(refused(Map.of("preset", "streaming"), MIX, STEMS, null).getMessage().contains("one of the two"));
        assertEquals(RuleViolation.INVALID_STEM, refused(Map.of("preset", "streaming"), null,
                List.of(new StemInput("tenants/a/uploads/u/x.wav", "kazoo", null, null, null, null, null)), null).code());
    }

    @Test
    @DisplayName("a valid package passes: a beat-store package with its tag, the main alone from a stereo mix, a beat-store package whose previews are turned off without one")
    void accepted() {
        PackageRules.check(Map.of("preset", "beat-store"), null, STEMS, "tenants/a/uploads/u/tag.wav");
        PackageRules.check(Map.of("versions", List.of("main"), "lengths", List.of("full", "30")), MIX, null, null);
        Map<String, Object> noPreviews = new HashMap<>(Map.of("preset", "beat-store"));
        noPreviews.put("preview", null);
        PackageRules.check(noPreviews, null, STEMS, null);
    }

    private static RuleViolation refused(Map<String, Object> spec, String mix, List<StemInput> stems, String tag) {
        return assertThrows(RuleViolation.class, () -> PackageRules.check(spec, mix, stems, tag));
    }
}
