package dev.mixdown.dsp.packaging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Package specs and track metadata from parsed JSON (maps, lists, strings, numbers, booleans), so
 * that the CLI, the workers and the gateway's stored presets read one shape without common-dsp
 * carrying a JSON library. A spec may name a {@code preset} and override any of its fields;
 * unknown fields are refused by name.
 */
public final class SpecMaps {
    private static final Set<String> SPEC_FIELDS = Set.of("preset", "name", "versions", "lengths", "formats", "targetLufs",
            "ceilingDbtp", "identical", "stemsFor", "premasterHeadroomDbfs", "preview", "naming", "trackoutZip");
    private static final Set<String> META_FIELDS = Set.of("title", "artists", "composers", "publisher", "isrc", "iswc", "genre",
            "moods", "bpm", "key", "extra");

    private SpecMaps() {
    }

    /** A spec from its JSON form; {@code presets} resolves a {@code preset} field (a tenant's, then the built-in ones). */
    public static PackageSpec spec(Map<String, Object> m, java.util.function.Function<String, PackageSpec> presets) {
        check(m, SPEC_FIELDS, "package spec");
        PackageSpec base = m.containsKey("preset") ? presets.apply(str(m.get("preset"))) : null;
        List<VersionSpec> versions = m.containsKey("versions") ? versions(list(m.get("versions"), "versions"))
                : base != null ? base.versions() : null;
        List<String> lengths = m.containsKey("lengths") ? list(m.get("lengths"), "lengths").stream().map(o -> lengthText(o)).toList()
                : base != null ? base.lengths() : null;
        List<FormatSpec> formats = m.containsKey("formats") ? formats(list(m.get("formats"), "formats"))
                : base != null ? base.formats() : null;
        PreviewSpec preview = m.containsKey("preview") ? preview(m.get("preview")) : base != null ? base.preview() : null;
        return new PackageSpec(
                m.containsKey("name") ? str(m.get("name")) : base != null ? base.name() : "custom",
                versions, lengths, formats,
                num(m, "targetLufs", base != null ? base.targetLufs() : -14),
                num(m, "ceilingDbtp", base != null ? base.ceilingDbtp() : -1),
                bool(m, "identical", base != null && base.identical()),
                m.containsKey("stemsFor") ? strings(m.get("stemsFor"), "stemsFor") : base != null ? base.stemsFor() : null,
                m.containsKey("premasterHeadroomDbfs") ? (m.get("premasterHeadroomDbfs") == null ? null
                        : num(m, "premasterHeadroomDbfs", 0)) : base != null ? base.premasterHeadroomDbfs() : null,
                preview,
                m.containsKey("naming") ? str(m.get("naming")) : base != null ? base.naming() : null,
                bool(m, "trackoutZip", base != null && base.trackoutZip()));
    }

    public static PackageSpec spec(Map<String, Object> m) {
        return spec(m, PackagePresets::named);
    }

    public static TrackMetadata metadata(Map<String, Object> m) {
        check(m, META_FIELDS, "track metadata");
        List<TrackMetadata.Person> people = new ArrayList<>();
        if (m.get("composers") != null) {
            for (Object o : list(m.get("composers"), "composers")) {
                if (o instanceof String s) {
                    people.add(new TrackMetadata.Person(s, null, null, "composer"));
                } else {
                    Map<String, Object> p = map(o, "composer");
                    check(p, Set.of("name", "ipi", "share", "sharePercent", "role"), "composer");
                    Object share = p.containsKey("share") ? p.get("share") : p.get("sharePercent");
                    people.add(new TrackMetadata.Person(str(p.get("name")), p.get("ipi") == null ? null : str(p.get("ipi")),
                            share == null ? null : ((Number) share).doubleValue(), p.get("role") == null ? "composer" : str(p.get("role"))));
                }
            }
        }
        Map<String, String> extra = new LinkedHashMap<>();
        if (m.get("extra") != null) {
            map(m.get("extra"), "extra").forEach((k, v) -> extra.put(k, String.valueOf(v)));
        }
        return new TrackMetadata(opt(m, "title"), m.get("artists") == null ? null : strings(m.get("artists"), "artists"), people,
                opt(m, "publisher"), opt(m, "isrc"), opt(m, "iswc"), opt(m, "genre"),
                m.get("moods") == null ? null : strings(m.get("moods"), "moods"),
                m.get("bpm") == null ? null : ((Number) m.get("bpm")).doubleValue(), opt(m, "key"), extra);
    }

    private static List<VersionSpec> versions(List<Object> items) {
        List<VersionSpec> out = new ArrayList<>();
        for (Object o : items) {
            if (o instanceof String s) {
                out.add(VersionSpec.named(s));
            } else {
                Map<String, Object> v = map(o, "version");
                check(v, Set.of("name", "mute", "only"), "version");
                out.add(new VersionSpec(str(v.get("name")), v.get("mute") == null ? null : strings(v.get("mute"), "mute"),
                        v.get("only") == null ? null : strings(v.get("only"), "only")));
            }
        }
        return out;
    }

    /** Formats as {@code "wav:48000:24"}, {@code "mp3:320"}, {@code "flac:44100:16"} or objects. */
    private static List<FormatSpec> formats(List<Object> items) {
        List<FormatSpec> out = new ArrayList<>();
        for (Object o : items) {
            if (o instanceof String s) {
                String[] p = s.split(":");
                try {
                    out.add(p[0].equalsIgnoreCase("mp3") ? FormatSpec.mp3(p.length > 1 ? Integer.parseInt(p[1]) : 320)
                            : new FormatSpec(p[0], p.length > 1 ? Integer.parseInt(p[1]) : 0, p.length > 2 ? Integer.parseInt(p[2]) : 24, 0));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("format '" + s + "': write wav:RATE:BITS, flac:RATE:BITS or mp3:KBPS");
                }
            } else {
                Map<String, Object> f = map(o, "format");
                check(f, Set.of("format", "sampleRate", "bits", "mp3Kbps"), "format");
                out.add(new FormatSpec(str(f.get("format")), (int) num(f, "sampleRate", 0), (int) num(f, "bits", 24),
                        (int) num(f, "mp3Kbps", 320)));
            }
        }
        return out;
    }

    private static PreviewSpec preview(Object o) {
        if (o == null) {
            return null;
        }
        Map<String, Object> p = map(o, "preview");
        check(p, Set.of("versions", "everyBars", "relativeLu", "duckDb", "mp3Kbps", "untagged"), "preview");
        return new PreviewSpec(p.get("versions") == null ? null : strings(p.get("versions"), "preview.versions"),
                (int) num(p, "everyBars", 0), num(p, "relativeLu", PreviewSpec.DEFAULT_RELATIVE_LU), num(p, "duckDb", 0),
                (int) num(p, "mp3Kbps", 192), bool(p, "untagged", true));
    }

    private static String lengthText(Object o) {
        return o instanceof Number n ? (n.doubleValue() == Math.rint(n.doubleValue()) ? Long.toString(n.longValue()) : n.toString())
                : str(o);
    }

    private static void check(Map<String, Object> m, Set<String> known, String what) {
        for (String k : m.keySet()) {
            if (!known.contains(k)) {
                throw new IllegalArgumentException(what + ": unknown field '" + k + "' (known: " + String.join(", ",
                        known.stream().sorted().toList()) + ")");
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o, String what) {
        if (!(o instanceof Map)) {
            throw new IllegalArgumentException(what + ": expected an object, got " + o);
        }
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o, String what) {
        if (!(o instanceof List)) {
            throw new IllegalArgumentException(what + ": expected a list, got " + o);
        }
        return (List<Object>) o;
    }

    private static List<String> strings(Object o, String what) {
        return list(o, what).stream().map(SpecMaps::str).toList();
    }

    private static String str(Object o) {
        if (!(o instanceof String s)) {
            throw new IllegalArgumentException("expected text, got " + o);
        }
        return s;
    }

    private static String opt(Map<String, Object> m, String key) {
        return m.get(key) == null ? null : String.valueOf(m.get(key));
    }

    private static double num(Map<String, Object> m, String key, double fallback) {
        Object o = m.get(key);
        if (o == null) {
            return fallback;
        }
        if (!(o instanceof Number n)) {
            throw new IllegalArgumentException(key + ": expected a number, got " + o);
        }
        return n.doubleValue();
    }

    private static boolean bool(Map<String, Object> m, String key, boolean fallback) {
        Object o = m.get(key);
        if (o == null) {
            return fallback;
        }
        if (!(o instanceof Boolean b)) {
            throw new IllegalArgumentException(key + ": expected true or false, got " + o);
        }
        return b;
    }
}
