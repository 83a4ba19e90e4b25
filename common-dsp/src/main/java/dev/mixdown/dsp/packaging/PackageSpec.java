package dev.mixdown.dsp.packaging;

import dev.mixdown.dsp.master.DeliveryTarget;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a delivery package holds: versions × lengths × formats, mastered to one target through the
 * main's one mix plan and master chain, plus stems, premasters, previews, names and ZIPs.
 *
 * @param name                  preset name, or "custom"
 * @param versions              the versions (the first must be {@code main})
 * @param lengths               length ids ({@code full}, {@code 60}, {@code sting}, {@code loop8}, …)
 * @param formats               delivered formats
 * @param targetLufs            delivery loudness
 * @param ceilingDbtp           true-peak ceiling
 * @param identical             "sonically identical": every version and length keeps the main's master gain (and
 *                              reports its own loudness) instead of meeting the target on its own
 * @param stemsFor              versions whose stems are delivered for every length ({@code all} for every version)
 * @param premasterHeadroomDbfs write premasters (unlimited, the main's sample peak at this level, no dither), or null
 * @param preview               store previews, or null
 * @param naming                file-name template
 * @param trackoutZip           also zip the main's full-length stems on their own (beat stores)
 */
public record PackageSpec(String name, List<VersionSpec> versions, List<String> lengths, List<FormatSpec> formats,
        double targetLufs, double ceilingDbtp, boolean identical, List<String> stemsFor, Double premasterHeadroomDbfs,
        PreviewSpec preview, String naming, boolean trackoutZip) {

    public PackageSpec {
        name = name == null ? "custom" : name;
        versions = versions == null || versions.isEmpty() ? List.of(VersionSpec.named("main")) : List.copyOf(versions);
        lengths = lengths == null || lengths.isEmpty() ? List.of("full") : List.copyOf(lengths);
        formats = formats == null || formats.isEmpty() ? List.of(FormatSpec.wav(48_000, 24)) : List.copyOf(formats);
        stemsFor = stemsFor == null ? List.of() : List.copyOf(stemsFor);
        DeliveryTarget.custom(targetLufs, ceilingDbtp); // validates
        if (!versions.get(0).keepsEveryStem()) {
            throw new IllegalArgumentException("the first version must be the main (no mute, no only): every other version is"
                    + " rendered through its plan");
        }
        Set<String> names = new HashSet<>();
        for (VersionSpec v : versions) {
            if (!names.add(v.name())) {
                throw new IllegalArgumentException("version '" + v.name() + "' is listed twice");
            }
        }
        Set<String> lengthIds = new HashSet<>();
        for (String l : lengths) {
            if (!lengthIds.add(LengthSpec.parse(l).id())) {
                throw new IllegalArgumentException("length '" + l + "' is listed twice");
            }
        }
        for (String s : stemsFor) {
            if (!s.equals("all") && !names.contains(s)) {
                throw new IllegalArgumentException("stems for '" + s + "': no such version in the package");
            }
        }
        if (preview != null) {
            for (String s : preview.versions()) {
                if (!names.contains(s)) {
                    throw new IllegalArgumentException("preview of '" + s + "': no such version in the package");
                }
            }
        }
        if (premasterHeadroomDbfs != null && !(premasterHeadroomDbfs >= -24 && premasterHeadroomDbfs <= 0)) {
            throw new IllegalArgumentException("premaster headroom must be between -24 and 0 dBFS, got " + premasterHeadroomDbfs);
        }
        naming = new NameTemplate(naming).template();
    }

    public List<LengthSpec> lengthSpecs() {
        return lengths.stream().map(LengthSpec::parse).toList();
    }

    public boolean stemsFor(String version) {
        return stemsFor.contains("all") || stemsFor.contains(version);
    }

    public boolean needsStems() {
        return versions.size() > 1 || !stemsFor.isEmpty() || trackoutZip;
    }

    public VersionSpec version(String name) {
        return versions.stream().filter(v -> v.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no version '" + name + "' in the package"));
    }
}
