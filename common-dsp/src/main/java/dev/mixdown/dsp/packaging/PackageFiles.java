package dev.mixdown.dsp.packaging;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Where each file of a package goes and what the manifest says about it: names from the
 * package's template, folders by kind ({@code masters/}, {@code premasters/},
 * {@code stems/VERSION/LENGTH/}, {@code previews/}), metadata embedded, then measured and hashed
 * as written.
 */
public final class PackageFiles {
    private final NameTemplate names;
    private final TrackMetadata metadata;
    private final Path outDir;

    public PackageFiles(PackageSpec spec, TrackMetadata metadata, Path outDir) {
        this.names = new NameTemplate(spec.naming());
        this.metadata = metadata;
        this.outDir = outDir;
    }

    /** The path of one file: {@code kind} master, premaster, stem, preview-tagged or preview. */
    public Path path(String kind, String version, String length, String ext, String stem) {
        Map<String, String> v = new HashMap<>();
        v.put("title", metadata.title());
        v.put("version", version);
        v.put("length", length);
        v.put("bpm", metadata.bpmText());
        v.put("key", metadata.key() == null ? "" : metadata.key().replace(" major", "maj").replace(" minor", "min"));
        v.put("ext", ext);
        v.put("isrc", metadata.isrc() == null ? "" : metadata.isrc().replace("-", ""));
        v.put("iswc", metadata.iswc() == null ? "" : metadata.iswc());
        v.put("artist", metadata.artists().isEmpty() ? "" : metadata.artists().get(0));
        v.put("publisher", metadata.publisher() == null ? "" : metadata.publisher());
        v.put("stem", stem == null ? "" : stem);
        v.put("kind", kind);
        String name = names.render(v);
        String template = names.template();
        String suffix = "";
        if (stem != null && !template.contains("{stem}")) {
            suffix += "_" + NameTemplate.safe(stem);
        }
        if (!kind.equals("master") && !kind.equals("stem") && !template.contains("{kind}")) {
            suffix += "_" + kind;
        }
        if (!suffix.isEmpty()) {
            int dot = name.lastIndexOf('.');
            name = name.substring(0, dot) + suffix + name.substring(dot);
        }
        Path folder = switch (kind) {
            case "master" -> outDir.resolve("masters");
            case "premaster" -> outDir.resolve("premasters");
            case "stem" -> outDir.resolve("stems").resolve(NameTemplate.safe(version)).resolve(NameTemplate.safe(length));
            default -> outDir.resolve("previews");
        };
        return folder.resolve(name);
    }

    /** Embeds the metadata into {@code file}, then measures and hashes it for the manifest. */
    public PackageFile describe(Path file, String kind, String version, String length, String stem, Boolean onTarget)
            throws IOException {
        AudioArrays.Audio audio = AudioArrays.read(file);
        AudioArrays.Level level = AudioArrays.measure(audio.samples(), audio.sampleRate());
        MetadataWriter.embed(file, new MetadataWriter.Fields(metadata, version, length, stem, level));
        String ext = file.getFileName().toString().substring(file.getFileName().toString().lastIndexOf('.') + 1);
        var info = dev.mixdown.dsp.io.AudioFiles.open(file);
        Integer bits;
        try (info) {
            bits = ext.equals("mp3") ? null : info.info().bitsPerSample();
        }
        return new PackageFile(outDir.relativize(file).toString().replace('\\', '/'), kind, version, length, ext, stem,
                audio.sampleRate(), bits, null, Math.round(level.durationSeconds() * 1e6) / 1e6, level.integratedLufs(),
                level.truePeakDbtp(), onTarget, metadata.bpmText(), metadata.key(), sha256(file));
    }

    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
