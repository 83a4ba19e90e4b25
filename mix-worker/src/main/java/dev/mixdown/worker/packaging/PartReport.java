package dev.mixdown.worker.packaging;

import dev.mixdown.dsp.packaging.PackageFile;
import java.util.List;

/**
 * What a VERSION part leaves for the ASSEMBLE part: its files as the manifest lists them, the
 * object key of each (in the same order), and its warnings.
 */
record PartReport(String version, List<PackageFile> files, List<String> keys, List<String> warnings) {
    static final String NAME = "part.json";
}
