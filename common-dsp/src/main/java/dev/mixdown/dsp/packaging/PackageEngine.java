package dev.mixdown.dsp.packaging;

import dev.mixdown.dsp.EngineVersion;
import dev.mixdown.dsp.mix.StemSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole delivery package on one machine: plan once ({@link PackagePlanner}), render every
 * version ({@link VersionRenderer}), then the manifest (CSV here; the callers add the JSON) and
 * the ZIPs. The cluster runs the same steps as separate parts.
 */
public final class PackageEngine {
    private PackageEngine() {
    }

    /** The package as delivered: its spec, the shared plan, every file and every warning. */
    public record PackageResult(String engineVersion, PackageSpec spec, TrackMetadata metadata, double bpm, String key,
            double durationSeconds, List<PackageFile> files, List<String> zips, List<String> warnings) {
    }

    /** Writes the JSON manifest of a result (the callers own the JSON library); it goes into the package ZIP. */
    @FunctionalInterface
    public interface ManifestJson {
        ManifestJson NONE = (file, result) -> { };

        void write(Path file, PackageResult result) throws IOException;
    }

    public static PackageResult run(List<StemSpec> stems, Path mix, PackageSpec spec, TrackMetadata metadata, Path tag, Path outDir,
            Path workDir, ManifestJson json) throws IOException {
        if (spec.preview() != null && (tag == null || !Files.isRegularFile(tag))) {
            throw new IllegalArgumentException("the package asks for previews but the voice tag " + (tag == null ? "is missing"
                    : tag + " does not exist"));
        }
        Files.createDirectories(outDir);
        PackagePlan plan = PackagePlanner.plan(stems, mix, spec, metadata, workDir.resolve("plan"));
        List<PackageFile> files = new ArrayList<>();
        List<String> warnings = new ArrayList<>(plan.warnings());
        VersionRenderer renderer = new VersionRenderer(plan, spec, outDir, workDir);
        for (VersionSpec v : spec.versions()) {
            VersionRenderer.VersionResult r = renderer.render(v.name(), stems, mix, tag);
            files.addAll(r.files());
            warnings.addAll(r.warnings());
        }
        return assemble(plan, spec, files, warnings, outDir, json);
    }

    /** The manifest CSV and the ZIPs, once every part's files are in {@code outDir}. */
    public static PackageResult assemble(PackagePlan plan, PackageSpec spec, List<PackageFile> files, List<String> warnings,
            Path outDir, ManifestJson json) throws IOException {
        ManifestCsv.write(outDir.resolve("manifest.csv"), files, plan.metadata());
        String base = NameTemplate.safe(plan.metadata().title());
        List<String> zips = new ArrayList<>();
        Path zip = outDir.resolve(base + "_package.zip");
        zips.add(outDir.relativize(zip).toString());
        if (spec.trackoutZip()) {
            zips.add(base + "_trackout.zip");
        }
        PackageResult result = new PackageResult(EngineVersion.get(), spec, plan.metadata(), plan.bpm(), plan.key(),
                plan.durationSeconds(), files, zips, warnings);
        json.write(outDir.resolve("manifest.json"), result);
        PackageZip.zip(outDir, files.stream().map(PackageFile::path).toList(), List.of("manifest.csv", "manifest.json"), zip);
        if (spec.trackoutZip()) {
            Path trackout = outDir.resolve(base + "_trackout.zip");
            List<String> stems = files.stream().filter(f -> f.kind().equals("stem") && f.version().equals("main")
                    && f.length().equals("full")).map(PackageFile::path).toList();
            PackageZip.zip(outDir, stems, List.of(), trackout);
        }
        return result;
    }
}
