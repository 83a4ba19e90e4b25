package dev.mixdown.dsp.packaging;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** One ZIP of package files, by their paths relative to the package folder; entries in a fixed order with a fixed time. */
public final class PackageZip {
    private PackageZip() {
    }

    public static void zip(Path root, List<String> files, List<String> optional, Path zip) throws IOException {
        List<String> entries = new ArrayList<>(files);
        for (String o : optional) {
            if (Files.isRegularFile(root.resolve(o))) {
                entries.add(o);
            }
        }
        Path partial = zip.resolveSibling(zip.getFileName() + ".partial");
        try (OutputStream out = Files.newOutputStream(partial); ZipOutputStream z = new ZipOutputStream(out)) {
            for (String e : entries) {
                ZipEntry entry = new ZipEntry(e);
                entry.setLastModifiedTime(FileTime.fromMillis(0));
                // audio barely deflates: store it, and spare the CPU
                z.setLevel(e.endsWith(".wav") || e.endsWith(".mp3") || e.endsWith(".flac") ? 0 : 6);
                z.putNextEntry(entry);
                Files.copy(root.resolve(e), z);
                z.closeEntry();
            }
        }
        Files.move(partial, zip, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
