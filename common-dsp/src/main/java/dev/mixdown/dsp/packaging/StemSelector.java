package dev.mixdown.dsp.packaging;

import dev.mixdown.dsp.mix.StemRole;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Resolves a version's selectors against the stems of a mix plan to the stems it leaves out. */
public final class StemSelector {
    /** Vocal roles: what an instrumental leaves out and an a cappella keeps. */
    static final Set<StemRole> VOCALS = EnumSet.of(StemRole.VOCAL, StemRole.BACKING_VOCAL);
    /** The drum kit: what a no-drums version leaves out. */
    static final Set<StemRole> KIT = EnumSet.of(StemRole.DRUMS, StemRole.KICK, StemRole.SNARE, StemRole.PERCUSSION);
    /** Parts that carry melodies and hooks: what an underscore leaves out (with the lead). */
    static final Set<StemRole> MELODY = EnumSet.of(StemRole.VOCAL, StemRole.BACKING_VOCAL, StemRole.SYNTH, StemRole.BRASS,
            StemRole.WOODWIND);

    private StemSelector() {
    }

    /** One stem as the selectors see it: its name (file name without extension), role and whether the plan leads with it. */
    public record Stem(String name, StemRole role, boolean lead) {
    }

    static void check(String version, String selector) {
        String s = selector.toLowerCase(Locale.ROOT);
        if (s.startsWith("stem:") && s.length() > 5 || s.equals("vocals") || s.equals("kit") || s.equals("melody")
                || s.equals("lead")) {
            return;
        }
        try {
            StemRole.named(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("version '" + version + "': unknown selector '" + selector
                    + "' (a role, vocals, kit, melody, lead or stem:NAME)");
        }
    }

    static boolean matches(String selector, Stem stem) {
        String s = selector.toLowerCase(Locale.ROOT);
        return switch (s) {
            case "vocals" -> VOCALS.contains(stem.role());
            case "kit" -> KIT.contains(stem.role());
            case "melody" -> MELODY.contains(stem.role()) || stem.lead();
            case "lead" -> stem.lead();
            default -> s.startsWith("stem:") ? stem.name().equalsIgnoreCase(selector.substring(5))
                    : stem.role() == StemRole.named(s);
        };
    }

    /**
     * The indices of the stems {@code version} leaves out.
     *
     * @throws IllegalArgumentException when the version would be silent (nothing left to play)
     */
    public static Set<Integer> silenced(VersionSpec version, List<Stem> stems) {
        Set<Integer> out = new LinkedHashSet<>();
        for (int i = 0; i < stems.size(); i++) {
            Stem stem = stems.get(i);
            boolean leave = version.only().isEmpty()
                    ? version.mute().stream().anyMatch(sel -> matches(sel, stem))
                    : version.only().stream().noneMatch(sel -> matches(sel, stem));
            if (leave) {
                out.add(i);
            }
        }
        if (out.size() == stems.size()) {
            throw new IllegalArgumentException("version '" + version.name() + "' would be silent: "
                    + (version.only().isEmpty() ? "it mutes every stem (" + String.join(", ", version.mute()) + ")"
                            : "no stem matches " + String.join(", ", version.only())));
        }
        return out;
    }
}
