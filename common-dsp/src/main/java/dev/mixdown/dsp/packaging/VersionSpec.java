package dev.mixdown.dsp.packaging;

import java.util.List;
import java.util.Locale;

/**
 * One version of a track in a delivery package: which stems it leaves out. A version either
 * mutes what its {@code mute} selectors match, or keeps only what its {@code only} selectors
 * match. Selectors are role ids ({@code vocal}, {@code drums}, …), groups ({@code vocals},
 * {@code kit}, {@code melody}), {@code lead} (the stem the mix plan leads with) or
 * {@code stem:NAME} (a file name without its extension).
 *
 * @param name  the version's id, used in file names ({@code main}, {@code instrumental}, …)
 * @param mute  selectors of the stems to leave out
 * @param only  selectors of the only stems to keep (empty: keep all but {@code mute})
 */
public record VersionSpec(String name, List<String> mute, List<String> only) {
    public VersionSpec {
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]{0,39}")) {
            throw new IllegalArgumentException("version name '" + name + "' must be 1-40 lower-case letters, digits or '-'");
        }
        mute = mute == null ? List.of() : List.copyOf(mute);
        only = only == null ? List.of() : List.copyOf(only);
        if (!mute.isEmpty() && !only.isEmpty()) {
            throw new IllegalArgumentException("version '" + name + "': give either mute or only, not both");
        }
        for (String s : mute) {
            StemSelector.check(name, s);
        }
        for (String s : only) {
            StemSelector.check(name, s);
        }
    }

    /**
     * The standard versions: {@code main}, {@code instrumental} (no vocals), {@code tv} (no
     * lead), {@code acappella} (vocals only), {@code underscore} (no lead, no melody carriers),
     * {@code underscore-no-drums}, {@code no-drums}.
     */
    public static VersionSpec named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "main" -> new VersionSpec("main", List.of(), List.of());
            case "instrumental" -> new VersionSpec("instrumental", List.of("vocals"), List.of());
            case "tv" -> new VersionSpec("tv", List.of("lead"), List.of());
            case "acappella" -> new VersionSpec("acappella", List.of(), List.of("vocals"));
            case "underscore" -> new VersionSpec("underscore", List.of("lead", "melody"), List.of());
            case "underscore-no-drums" -> new VersionSpec("underscore-no-drums", List.of("lead", "melody", "kit"), List.of());
            case "no-drums" -> new VersionSpec("no-drums", List.of("kit"), List.of());
            default -> throw new IllegalArgumentException("unknown version '" + name + "' (known: main, instrumental, tv, acappella,"
                    + " underscore, underscore-no-drums, no-drums; or give mute/only selectors)");
        };
    }

    public boolean keepsEveryStem() {
        return mute.isEmpty() && only.isEmpty();
    }
}
