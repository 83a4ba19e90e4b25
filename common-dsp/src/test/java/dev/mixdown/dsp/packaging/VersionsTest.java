package dev.mixdown.dsp.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixdown.dsp.mix.StemSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VersionsTest {
    private static final double VOCAL_END = 9.0;

    private static PackageSpec spec(boolean identical) {
        return new PackageSpec("test", List.of(VersionSpec.named("main"), VersionSpec.named("instrumental"), VersionSpec.named("tv")),
                List.of("full", "15"), List.of(FormatSpec.wav(48_000, 24)), -14, -1, identical, List.of("instrumental"), -6.0, null,
                NameTemplate.DEFAULT, false);
    }

    private static Map<String, PackageFile> byName(List<PackageFile> files) {
        return files.stream().collect(Collectors.toMap(f -> f.kind() + "/" + f.version() + "/" + f.length()
                + (f.stem() == null ? "" : "/" + f.stem()), f -> f));
    }

    @Test
    @DisplayName("An instrumental rendered through the main's mix plan and master chain nulls against the main once the vocal has been silent for 1 s")
    void instrumentalNullsAgainstMainWhereTheVocalIsSilent(@TempDir Path dir) throws IOException {
        PackageTestSong song = new PackageTestSong(48_000, 24, VOCAL_END);
        List<StemSpec> stems = song.write(dir.resolve("in"));
        PackageEngine.PackageResult result = PackageEngine.run(stems, null, spec(true), TrackMetadata.titled("Null Test"), null,
                dir.resolve("out"), dir.resolve("work"), PackageEngine.ManifestJson.NONE);
        Map<String, PackageFile> files = byName(result.files());
        float[][] main = AudioArrays.read(dir.resolve("out").resolve(files.get("master/main/full").path())).samples();
        float[][] instrumental = AudioArrays.read(dir.resolve("out").resolve(files.get("master/instrumental/full").path())).samples();
        assertEquals(main[0].length, instrumental[0].length);
        int from = (int) ((VOCAL_END + 1.0) * 48_000);
        int to = main[0].length - 48_000;
        double afterDb = PackageTestSong.residualDb(instrumental, main, from, to);
        double duringDb = PackageTestSong.residualDb(instrumental, main, 48_000, (int) (VOCAL_END * 48_000) - 48_000);
        System.out.printf("instrumental vs main: residual %.1f dB where the vocal is silent, %.1f dB where it sings%n", afterDb, duringDb);
        assertTrue(afterDb <= -40, "residual where the vocal is silent: " + afterDb + " dB");
        assertTrue(duringDb > -20, "the vocal is missing where it sings: " + duringDb + " dB");
        // the tv mix leaves out the lead, which is the vocal here: it equals the instrumental
        float[][] tv = AudioArrays.read(dir.resolve("out").resolve(files.get("master/tv/full").path())).samples();
        assertTrue(PackageTestSong.residualDb(tv, instrumental, 0, tv[0].length) <= -60);
    }

    @Test
    @DisplayName("Every version's cutdown is cut at the same points: the 15 s instrumental equals the 15 s main minus the vocal")
    void cutdownsShareTheirCutPoints(@TempDir Path dir) throws IOException {
        PackageTestSong song = new PackageTestSong(48_000, 24, 30);
        List<StemSpec> stems = song.write(dir.resolve("in"));
        // the vocal sings throughout: silence it and nothing else may differ
        PackageSpec spec = new PackageSpec("test", List.of(VersionSpec.named("main"), new VersionSpec("no-vocal-stem",
                List.of("stem:vocal"), List.of()), VersionSpec.named("instrumental")), List.of("15"), List.of(FormatSpec.wav(48_000, 24)),
                -14, -1, true, List.of("all"), null, null, NameTemplate.DEFAULT, false);
        PackageEngine.PackageResult result = PackageEngine.run(stems, null, spec, TrackMetadata.titled("Cuts"), null,
                dir.resolve("out"), dir.resolve("work"), PackageEngine.ManifestJson.NONE);
        Map<String, PackageFile> files = byName(result.files());
        float[][] a = AudioArrays.read(dir.resolve("out").resolve(files.get("master/no-vocal-stem/15s").path())).samples();
        float[][] b = AudioArrays.read(dir.resolve("out").resolve(files.get("master/instrumental/15s").path())).samples();
        assertEquals(15 * 48_000, a[0].length);
        assertEquals(a[0].length, b[0].length);
        assertTrue(PackageTestSong.residualDb(a, b, 0, a[0].length) <= -90, "two ways of leaving out the vocal differ");
        // the stems of the 15 s main sum to the 15 s main's pre-bus mix: the vocal stem of the main is what the instrumental lacks
        assertTrue(files.containsKey("stem/main/15s/vocal"));
        assertTrue(!files.containsKey("stem/instrumental/15s/vocal"));
        assertEquals(15.0, files.get("stem/instrumental/15s/drums").durationSeconds(), 1e-9);
    }

    @Test
    @DisplayName("Without \"sonically identical\", every version and length meets the target within 0.1 LU under the true-peak ceiling")
    void everyFileMeetsTheTarget(@TempDir Path dir) throws IOException {
        PackageTestSong song = new PackageTestSong(44_100, 24, VOCAL_END);
        List<StemSpec> stems = song.write(dir.resolve("in"));
        PackageEngine.PackageResult result = PackageEngine.run(stems, null, spec(false), TrackMetadata.titled("Target"), null,
                dir.resolve("out"), dir.resolve("work"), PackageEngine.ManifestJson.NONE);
        for (PackageFile f : result.files()) {
            if (f.kind().equals("master")) {
                System.out.printf("%s: %.2f LUFS, %.2f dBTP%n", f.path(), f.integratedLufs(), f.truePeakDbtp());
                assertEquals(-14, f.integratedLufs(), 0.1, f.path());
                assertTrue(f.truePeakDbtp() <= -1.0, f.path() + " true peak " + f.truePeakDbtp());
                assertTrue(f.onTarget(), f.path());
            }
        }
    }
}
