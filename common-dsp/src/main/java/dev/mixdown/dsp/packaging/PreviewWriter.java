package dev.mixdown.dsp.packaging;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Store previews of one version: tagged and untagged MP3s. */
final class PreviewWriter {
    private final PreviewSpec spec;
    private final PackagePlan plan;
    private final PackageFiles files;

    PreviewWriter(PreviewSpec spec, PackagePlan plan, PackageFiles files) {
        this.spec = spec;
        this.plan = plan;
        this.files = files;
    }

    List<PackageFile> write(String version, Path fullMaster, Path tag) throws IOException {
        return List.of();
    }
}
