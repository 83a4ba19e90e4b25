package dev.mixdown.dsp.packaging;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The built-in package presets. A tenant's stored presets (the gateway's) may shadow these names.
 *
 * <ul>
 *   <li>{@code sync-library}: main, instrumental, TV, a cappella, underscore, no drums; full, 60, 30,
 *       15 s, sting, 4/8/16-bar loops; 48 kHz/24-bit WAV and 320 kbit/s MP3; "sonically identical"
 *       (the main's gain everywhere) at −14 LUFS / −1 dBTP; stems of every version; premasters at −6 dBFS.</li>
 *   <li>{@code beat-store}: main with its stems; full; WAV 44.1/24 and 320 kbit/s MP3 at −9 LUFS / −1 dBTP; tagged and untagged
 *       MP3 previews; a trackout ZIP of the main's stems.</li>
 *   <li>{@code streaming}: main and instrumental; full; WAV 44.1/24 at −14 LUFS / −1 dBTP, each on the target.</li>
 * </ul>
 */
public final class PackagePresets {
    private static final Map<String, PackageSpec> BUILT_IN = new LinkedHashMap<>();

    static {
        BUILT_IN.put("sync-library", new PackageSpec("sync-library",
                Stream.of("main", "instrumental", "tv", "acappella", "underscore", "no-drums").map(VersionSpec::named).toList(),
                List.of("full", "60", "30", "15", "sting", "loop4", "loop8", "loop16"),
                List.of(FormatSpec.wav(48_000, 24), FormatSpec.mp3(320)), -14, -1, true, List.of("all"), -6.0, null,
                NameTemplate.DEFAULT, false));
        BUILT_IN.put("beat-store", new PackageSpec("beat-store", List.of(VersionSpec.named("main")), List.of("full"),
                List.of(FormatSpec.wav(44_100, 24), FormatSpec.mp3(320)), -9, -1, false, List.of("main"), null, PreviewSpec.defaults(),
                "{title}_{version}_{bpm}bpm_{key}.{ext}", true));
        BUILT_IN.put("streaming", new PackageSpec("streaming",
                List.of(VersionSpec.named("main"), VersionSpec.named("instrumental")), List.of("full"),
                List.of(FormatSpec.wav(44_100, 24)), -14, -1, false, List.of(), null, null,
                "{title}_{version}.{ext}", false));
    }

    private PackagePresets() {
    }

    public static PackageSpec named(String name) {
        PackageSpec spec = BUILT_IN.get(name.toLowerCase(Locale.ROOT));
        if (spec == null) {
            throw new IllegalArgumentException("unknown package preset '" + name + "' (built in: " + String.join(", ", BUILT_IN.keySet())
                    + ")");
        }
        return spec;
    }

    public static Map<String, PackageSpec> all() {
        return Map.copyOf(BUILT_IN);
    }
}
