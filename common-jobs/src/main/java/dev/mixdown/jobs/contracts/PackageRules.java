package dev.mixdown.jobs.contracts;

import static dev.mixdown.jobs.contracts.RuleViolation.INVALID_REQUEST;
import static dev.mixdown.jobs.contracts.RuleViolation.UNKNOWN_PRESET;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the gateway checks of a package request without the engine, and the parts it splits it
 * into: one per version. The built-in presets' versions and previews are the engine's
 * ({@code dev.mixdown.dsp.packaging.PackagePresets}); a test in mix-worker proves that both agree.
 * Everything else in a spec (lengths, formats, naming) is checked by the PLAN part, which fails
 * the package with BAD_INPUT naming the field before any version is rendered.
 */
public final class PackageRules {
    /** A built-in preset as the gateway needs to know it: its versions, and whether it makes previews (which need a tag). */
    public record PresetShape(List<String> versions, boolean previews) {
    }

    public static final Map<String, PresetShape> PRESETS = Map.of(
            "sync-library", new PresetShape(List.of("main", "instrumental", "tv", "acappella", "underscore", "no-drums"), false),
            "beat-store", new PresetShape(List.of("main"), true),
            "streaming", new PresetShape(List.of("main", "instrumental"), false));
    /** Versions one package may have: each is a part, run on its own. */
    public static final int MAX_VERSIONS = 16;

    private PackageRules() {
    }

    /**
     * The version names of {@code spec} (its JSON form): its own {@code versions} (names, or objects
     * with a {@code name}), else its preset's, else {@code main}.
     */
    public static List<String> versions(Map<String, Object> spec) {
        Object own = spec.get("versions");
        if (own == null) {
            Object preset = spec.get("preset");
            return preset == null ? List.of("main") : preset(preset).versions();
        }
        if (!(own instanceof List<?> list) || list.isEmpty()) {
            throw new RuleViolation(INVALID_REQUEST, "spec.versions must be a non-empty list of version names or objects");
        }
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            Object v = list.get(i) instanceof Map<?, ?> m ? m.get("name") : list.get(i);
            if (!(v instanceof String name) || !name.matches("[a-z0-9][a-z0-9-]{0,39}")) {
                throw new RuleViolation(INVALID_REQUEST, "spec.versions[" + i + "]: a version needs a name of 1-40 lower-case letters,"
                        + " digits or '-'");
            }
            if (!seen.add(name)) {
                throw new RuleViolation(INVALID_REQUEST, "spec.versions[" + i + "]: version '" + name + "' is listed twice");
            }
            names.add(name);
        }
        if (names.size() > MAX_VERSIONS) {
            throw new RuleViolation(INVALID_REQUEST, names.size() + " versions; a package has at most " + MAX_VERSIONS);
        }
        return names;
    }

    /** Whether {@code spec} asks for store previews (its own {@code preview}, else its preset's). */
    public static boolean previews(Map<String, Object> spec) {
        if (spec.containsKey("preview")) {
            return spec.get("preview") != null;
        }
        return spec.get("preset") != null && preset(spec.get("preset")).previews();
    }

    /**
     * Checks a package request: stems or a stereo mix (not both), versions other than the main only
     * from stems, a voice tag when previews are asked for.
     */
    public static void check(Map<String, Object> spec, String mix, List<StemInput> stems, String tag) {
        boolean hasStems = stems != null && !stems.isEmpty();
        if (hasStems == (mix != null)) {
            throw new RuleViolation(INVALID_REQUEST, "a package job takes stems or a stereo mix (input), one of the two");
        }
        List<String> versions = versions(spec);
        if (!hasStems && (versions.size() > 1 || Boolean.TRUE.equals(spec.get("trackoutZip")) || spec.get("stemsFor") != null
                && !(spec.get("stemsFor") instanceof List<?> l && l.isEmpty()))) {
            throw new RuleViolation(INVALID_REQUEST, "the input is a stereo mix: only the main can be made from it, without stems"
                    + " (versions: " + String.join(", ", versions) + ")");
        }
        if (hasStems) {
            JobRules.checkStems(stems);
        }
        if (previews(spec) && tag == null) {
            throw new RuleViolation(INVALID_REQUEST, "the package makes store previews: give the voice tag's key in 'tag'");
        }
    }

    private static PresetShape preset(Object name) {
        PresetShape shape = name instanceof String s ? PRESETS.get(s.toLowerCase(java.util.Locale.ROOT)) : null;
        if (shape == null) {
            throw new RuleViolation(UNKNOWN_PRESET, "unknown package preset '" + name + "' (built in: "
                    + String.join(", ", new java.util.TreeSet<>(PRESETS.keySet())) + ")");
        }
        return shape;
    }
}
