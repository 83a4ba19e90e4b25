package dev.mixdown.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.mixdown.dsp.mix.StemSpec;
import dev.mixdown.dsp.packaging.PackageEngine;
import dev.mixdown.dsp.packaging.PackageFile;
import dev.mixdown.dsp.packaging.PackagePresets;
import dev.mixdown.dsp.packaging.PackageSpec;
import dev.mixdown.dsp.packaging.SpecMaps;
import dev.mixdown.dsp.packaging.TrackMetadata;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "package",
        description = {
            "Make a delivery package from one song: its versions and lengths, stems, previews, metadata, a manifest and a ZIP.",
            "Versions (main, instrumental, tv, acappella, underscore, no-drums, custom mutes) go through the main's one mix plan"
                + " and master chain; lengths (full, 60/30/15 s, sting, 4/8/16-bar loops) are cut at the same points in every version.",
            "The package also holds stems, premasters, tagged store previews, embedded metadata and a manifest (JSON and CSV).",
            "IN is a folder of stems (roles from file names) or a stereo mix (main version only)."},
        mixinStandardHelpOptions = true)
final class PackageCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Parameters(index = "0", paramLabel = "STEMS_DIR|MIX", description = "A folder of stems, or a stereo mix.")
    Path in;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    static final class Which {
        @Option(names = "--preset", paramLabel = "NAME", description = "sync-library, beat-store or streaming.")
        String preset;

        @Option(names = "--spec", paramLabel = "FILE.json", description = "A package spec (may name a preset and override it).")
        Path spec;
    }

    @Option(names = "--meta", paramLabel = "FILE.json", description = "Track metadata: title, artists, composers (name, ipi, share),"
            + " publisher, isrc, iswc, genre, moods, bpm, key, extra.")
    Path meta;

    @Option(names = "--tag", paramLabel = "FILE", description = "The producer's voice tag, for previews.")
    Path tag;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The package folder (created).")
    Path out;

    @Option(names = "--json", description = "Print the manifest as JSON on stdout.")
    boolean json;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = command.commandLine().getOut();
        return EngineRun.run(command, "package", work -> {
            PackageSpec spec = which.preset != null ? PackagePresets.named(which.preset) : SpecMaps.spec(readMap(which.spec));
            TrackMetadata metadata = meta != null ? SpecMaps.metadata(readMap(meta))
                    : TrackMetadata.titled(baseName(in.getFileName().toString()));
            List<StemSpec> stems = List.of();
            Path mix = null;
            if (Files.isDirectory(in)) {
                stems = MixCommand.expand(List.of(in)).stream().map(StemSpec::of).toList();
            } else if (Files.isRegularFile(in)) {
                mix = in;
            } else {
                throw new IllegalArgumentException(in + ": no such file or folder");
            }
            PackageEngine.PackageResult result = PackageEngine.run(stems, mix, spec, metadata, tag, out, work,
                    (file, r) -> JSON.writeValue(file.toFile(), r));
            if (json) {
                stdout.println(JSON.writeValueAsString(result));
            } else {
                summary(stdout, result);
            }
            stdout.flush();
        });
    }

    static Map<String, Object> readMap(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such file");
        }
        try {
            return JSON.readValue(file.toFile(), new TypeReference<Map<String, Object>>() { });
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static void summary(PrintWriter out, PackageEngine.PackageResult r) {
        out.printf("package %s: %d files, %s BPM, key %s, %.1f s%n", r.spec().name(), r.files().size(), r.metadata().bpmText(),
                r.metadata().key(), r.durationSeconds());
        for (PackageFile f : r.files()) {
            if (f.kind().equals("master") || f.kind().startsWith("preview")) {
                out.printf("  %-60s %7s LUFS %7s dBTP%s%n", f.path(), f.integratedLufs() == null ? "-" : String.format("%.2f",
                        f.integratedLufs()), f.truePeakDbtp() == null ? "-" : String.format("%.2f", f.truePeakDbtp()),
                        Boolean.FALSE.equals(f.onTarget()) ? "  OFF TARGET" : "");
            }
        }
        long stems = r.files().stream().filter(f -> f.kind().equals("stem")).count();
        if (stems > 0) {
            out.printf("  + %d stems%n", stems);
        }
        for (String z : r.zips()) {
            out.println("  zip: " + z);
        }
        for (String w : r.warnings()) {
            out.println("  warning: " + w);
        }
    }

    private static String baseName(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
