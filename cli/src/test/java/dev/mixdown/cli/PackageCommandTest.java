package dev.mixdown.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mixdown.dsp.generate.DemoSong;
import dev.mixdown.dsp.io.AudioFiles;
import dev.mixdown.dsp.io.AudioSink;
import dev.mixdown.dsp.io.OutputFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageCommandTest {
    private static final int RATE = 44_100;

    private static Path stems(Path dir, double seconds) throws IOException {
        DemoSong song = new DemoSong(RATE, seconds);
        Files.createDirectories(dir);
        int frames = (int) song.frames();
        String[] names = {"drums", "bass", "chords", "vocal"};
        for (int s = 0; s < 4; s++) {
            float[][] audio = new float[2][frames];
            song.renderStem(s, 0, audio, frames);
            write(dir.resolve(names[s] + ".wav"), audio);
        }
        return dir;
    }

    private static void write(Path file, float[][] audio) throws IOException {
        try (AudioSink sink = AudioFiles.create(file, new OutputFormat(OutputFormat.Container.WAV, RATE, audio.length,
                OutputFormat.BitDepth.FLOAT_32))) {
            sink.write(audio, 0, audio[0].length);
        }
    }

    private static Path tag(Path dir) throws IOException {
        float[][] t = new float[1][RATE];
        for (int i = 0; i < RATE; i++) {
            t[0][i] = (float) (0.3 * Math.sin(Math.PI * i / RATE) * Math.sin(2 * Math.PI * 700 * i / RATE));
        }
        Path file = dir.resolve("tag.wav");
        write(file, t);
        return file;
    }

    @Test
    @DisplayName("package --preset beat-store writes the masters, tagged and untagged previews, the manifest that matches the files, and both ZIPs")
    void beatStorePackage(@TempDir Path dir) throws IOException {
        Path in = stems(dir.resolve("stems"), 40);
        Path meta = dir.resolve("meta.json");
        Files.writeString(meta, "{\"title\": \"Night Drive\", \"artists\": [\"DJ Test\"], \"isrc\": \"GB-ABC-26-00002\"}");
        Path out = dir.resolve("pkg");
        CliRun run = CliRun.of("package", in.toString(), "--preset", "beat-store", "--meta", meta.toString(), "--tag",
                tag(dir).toString(), "--out", out.toString());
        assertEquals(0, run.exit(), run.err() + run.out());
        JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        List<String> kinds = new ArrayList<>();
        for (JsonNode f : manifest.get("files")) {
            Path file = out.resolve(f.get("path").asText());
            assertTrue(Files.isRegularFile(file), file.toString());
            assertEquals(f.get("sha256").asText(), dev.mixdown.dsp.packaging.PackageFiles.sha256(file), file.toString());
            kinds.add(f.get("kind").asText() + ":" + f.get("format").asText());
            if (f.get("kind").asText().equals("master")) {
                double lufs = f.get("integratedLufs").asDouble();
                double tp = f.get("truePeakDbtp").asDouble();
                // the WAV meets -9 LUFS; an MP3 that would need more than sane limiting is delivered quieter and flagged
                assertEquals(Math.abs(lufs + 9) <= 0.1 && tp <= -1.0, f.get("onTarget").asBoolean(), file + ": " + lufs + " LUFS, " + tp);
                if (f.get("format").asText().equals("wav")) {
                    assertEquals(-9.0, lufs, 0.1, file.toString());
                }
                assertTrue(tp <= -1.0, file.toString());
            }
        }
        assertTrue(kinds.containsAll(List.of("master:wav", "master:mp3", "preview-tagged:mp3", "preview:mp3", "stem:wav")), kinds.toString());
        assertTrue(Files.isRegularFile(out.resolve("masters/Night_Drive_main_112bpm_" + manifest.get("metadata").get("key").asText()
                .replace(" major", "maj").replace(" minor", "min").replace(" ", "_") + ".wav")), run.out());
        try (ZipFile zip = new ZipFile(out.resolve("Night_Drive_package.zip").toFile())) {
            assertEquals(manifest.get("files").size() + 2, zip.size()); // + manifest.json and manifest.csv
        }
        try (ZipFile zip = new ZipFile(out.resolve("Night_Drive_trackout.zip").toFile())) {
            assertEquals(6, zip.size()); // four stems and the two returns
        }
        assertEquals(manifest.get("files").size() + 1, Files.readAllLines(out.resolve("manifest.csv")).size());
    }

    @Test
    @DisplayName("A version that would be silent is named before anything is written")
    void silentVersionIsRefused(@TempDir Path dir) throws IOException {
        Path in = stems(dir.resolve("stems"), 12);
        Files.delete(in.resolve("vocal.wav"));
        Path spec = dir.resolve("spec.json");
        Files.writeString(spec, "{\"versions\": [\"main\", \"acappella\"]}");
        CliRun run = CliRun.of("package", in.toString(), "--spec", spec.toString(), "--out", dir.resolve("pkg").toString());
        assertEquals(MixdownCli.EXIT_BAD_INPUT, run.exit());
        assertTrue(run.err().contains("version 'acappella' would be silent: no stem matches vocals"), run.err());
        assertTrue(!Files.exists(dir.resolve("pkg/masters")));
    }
}
