package dev.mixdown.jobs.contracts;

import java.util.List;
import java.util.Map;

/**
 * What a part of a package job does (a {@link JobMessage} with this set is a part, not a mix).
 * The spec and the metadata travel in their JSON form, as {@code dev.mixdown.dsp.packaging.SpecMaps}
 * reads them, so the gateway never needs the engine's types.
 *
 * @param packageId the package (parent) job
 * @param step      what this part runs
 * @param spec      the package spec: {@code {"preset": NAME}} and any overrides, or every field inline
 * @param metadata  the track's metadata (title, artists, composers, ...); null for none
 * @param tag       object key of the producer's voice tag, for previews; null for none
 * @param version   VERSION: the version this part renders
 * @param plan      VERSION and ASSEMBLE: object key of the plan the PLAN part wrote
 * @param parts     ASSEMBLE: object keys of the VERSION parts' reports, in the spec's version order
 */
public record PackagePart(String packageId, PackageStep step, Map<String, Object> spec, Map<String, Object> metadata, String tag,
        String version, String plan, List<String> parts) {

    public PackagePart {
        spec = spec == null ? Map.of() : spec;
        parts = parts == null ? List.of() : List.copyOf(parts);
    }

    /** The shared planning step of a package. */
    public static PackagePart plan(String packageId, Map<String, Object> spec, Map<String, Object> metadata, String tag) {
        return new PackagePart(packageId, PackageStep.PLAN, spec, metadata, tag, null, null, null);
    }

    /** This package's part rendering {@code versionName} through the plan at {@code planKey}. */
    public PackagePart version(String versionName, String planKey) {
        return new PackagePart(packageId, PackageStep.VERSION, spec, metadata, tag, versionName, planKey, null);
    }

    /** This package's assembly of the version parts' reports. */
    public PackagePart assemble(String planKey, List<String> partReports) {
        return new PackagePart(packageId, PackageStep.ASSEMBLE, spec, metadata, tag, null, planKey, partReports);
    }

    /** The part's name among its package's parts: {@code plan}, {@code version:NAME} or {@code assemble}. */
    public String name() {
        return step == PackageStep.VERSION ? "version:" + version : step.name().toLowerCase(java.util.Locale.ROOT);
    }
}
