package dev.mixdown.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mixdown.dsp.analysis.music.BeatGrid;
import dev.mixdown.dsp.io.AudioFiles;
import dev.mixdown.dsp.io.AudioSink;
import dev.mixdown.dsp.io.AudioSource;
import dev.mixdown.dsp.io.OutputFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("mixdown edit")
class EditCommandTest {
    private static final int RATE = 48_000;
    private static final int BARS = 24;
    /** 120 BPM in 4/4: a bar is 2 s. */
    private static final double BAR_SECONDS = 2.0;

    @TempDir
    Path dir;
    Path song;
    Path stems;
    BeatGrid grid;

    @BeforeEach
    void song() throws IOException {
        double[] downbeats = new double[BARS + 1];
        double[] beats = new double[BARS * 4 + 1];
        for (int b = 0; b <= BARS; b++) {
            downbeats[b] = b * BAR_SECONDS;
        }
        for (int i = 0; i < beats.length; i++) {
            beats[i] = i * BAR_SECONDS / 4;
        }
        grid = new BeatGrid(120, 1, 4, "4/4", beats, downbeats);
        EditCommand.grids = (audio, rate) -> grid;
        int frames = (int) ((BARS * BAR_SECONDS + 3) * RATE);
        float[][] drums = new float[2][frames];
        float[][] chords = new float[2][frames];
        SplittableRandom random = new SplittableRandom(7);
        int[] roots = {57, 53, 48, 55, 50, 52};
        for (int b = 0; b < BARS; b++) {
            int start = (int) (b * BAR_SECONDS * RATE);
            int n = (int) (BAR_SECONDS * RATE);
            double f = 440 * Math.pow(2, (roots[b % roots.length] - 69) / 12.0);
            for (int i = 0; i < n; i++) {
                double t = (double) i / RATE;
                double beat = t % 0.5;
                double kick = 0.3 * Math.sin(2 * Math.PI * 55 * beat) * Math.exp(-beat / 0.1);
                double hat = beat < 0.03 ? 0.02 * random.nextDouble(-1, 1) * (1 - beat / 0.03) : 0;
                double edge = Math.min(1, Math.min(i, n - i) / (0.01 * RATE));
                double chord = 0.1 * edge * (Math.sin(2 * Math.PI * f * t) + Math.sin(2 * Math.PI * f * 1.26 * t) + Math.sin(2 * Math.PI * f * 1.5 * t));
                drums[0][start + i] = (float) (kick + hat);
                drums[1][start + i] = (float) (kick + 0.8 * hat);
                chords[0][start + i] = (float) chord;
                chords[1][start + i] = (float) (0.9 * chord);
            }
        }
        int last = (int) (BARS * BAR_SECONDS * RATE);
        for (int i = 0; i < RATE; i++) {
            double t = (double) i / RATE;
            double v = 0.3 * Math.min(1, i / 240.0) * Math.sin(2 * Math.PI * 220 * t) * Math.exp(-t / 0.1) * (1 - t);
            chords[0][last + i] = (float) v;
            chords[1][last + i] = (float) v;
        }
        float[][] mix = new float[2][frames];
        for (int ch = 0; ch < 2; ch++) {
            for (int i = 0; i < frames; i++) {
                mix[ch][i] = drums[ch][i] + chords[ch][i];
            }
        }
        song = dir.resolve("song.wav");
        write(song, mix, OutputFormat.BitDepth.FLOAT_32);
        stems = dir.resolve("stems");
        write(stems.resolve("drums.wav"), drums, OutputFormat.BitDepth.FLOAT_32);
        write(stems.resolve("chords.wav"), chords, OutputFormat.BitDepth.FLOAT_32);
    }

    @AfterEach
    void restore() {
        EditCommand.grids = BeatGridSource.ANALYSIS;
    }

    @Test
    @DisplayName("--length 30 writes exactly 30 s and a report of segments in bars, join scores and loudness")
    void cutdown() throws Exception {
        Path out = dir.resolve("out/song-30.wav");
        Path report = dir.resolve("out/report.json");
        CliRun r = CliRun.of("edit", song.toString(), "--length", "30", "--out", out.toString(), "--report", report.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(30L * RATE, frames(out));
        JsonNode edit = new ObjectMapper().readTree(report.toFile()).get("edit");
        assertEquals("CUTDOWN", edit.get("kind").asText());
        assertTrue(edit.get("barGrid").asBoolean());
        assertEquals(2, edit.get("segments").size());
        JsonNode join = edit.get("joins").get(0);
        assertEquals(Math.rint(join.get("fromBar").asDouble()), join.get("fromBar").asDouble(), 1e-9);
        assertTrue(join.get("matchScore").asDouble() > 0);
        assertTrue(edit.get("loudnessWithin1Lu").asBoolean(), edit.toString());
        assertTrue(r.out().contains("join at"), r.out());
    }

    @Test
    @DisplayName("a folder of stems is cut at the same sample points, into a folder, and the cut stems sum to the cut mix")
    void stemsFolder() throws Exception {
        Path outDir = dir.resolve("cut-stems");
        Path mixOut = dir.resolve("mix-15.wav");
        assertEquals(0, CliRun.of("edit", stems.toString(), "--length", "15", "--out", outDir.toString()).exit());
        assertEquals(0, CliRun.of("edit", song.toString(), "--length", "15", "--out", mixOut.toString()).exit());
        float[][] drums = read(outDir.resolve("drums.wav"));
        float[][] chords = read(outDir.resolve("chords.wav"));
        float[][] mix = read(mixOut);
        assertEquals(15 * RATE, mix[0].length);
        assertEquals(15 * RATE, drums[0].length);
        for (int ch = 0; ch < 2; ch++) {
            for (int n = 0; n < mix[ch].length; n++) {
                assertEquals(mix[ch][n], drums[ch][n] + chords[ch][n], 1e-6, "frame " + n);
            }
        }
    }

    @Test
    @DisplayName("--loop 4 writes exactly four bars; --sting at most 5 s; --json prints the report")
    void loopAndSting() throws Exception {
        Path loop = dir.resolve("loop.wav");
        assertEquals(0, CliRun.of("edit", song.toString(), "--loop", "4", "--out", loop.toString()).exit());
        assertEquals((long) (4 * BAR_SECONDS * RATE), frames(loop));
        Path sting = dir.resolve("sting.flac");
        CliRun r = CliRun.of("edit", song.toString(), "--sting", "--out", sting.toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        assertTrue(frames(sting) <= 5L * RATE);
        assertEquals("STING", new ObjectMapper().readTree(r.out()).get("edit").get("kind").asText());
    }

    @Test
    @DisplayName("without a grid the edit still works and says that no bar grid was found")
    void noGrid() throws Exception {
        EditCommand.grids = (audio, rate) -> BeatGrid.none();
        Path out = dir.resolve("nogrid.wav");
        CliRun r = CliRun.of("edit", song.toString(), "--length", "20", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(20L * RATE, frames(out));
        assertTrue(r.out().contains("no bar grid was found"), r.out());
    }

    @Test
    @DisplayName("bad input is a clear message and exit 2: too short, silent, unreadable, no mode")
    void badInput() throws Exception {
        CliRun tooLong = CliRun.of("edit", song.toString(), "--length", "600");
        assertEquals(2, tooLong.exit());
        assertTrue(tooLong.err().contains("shorter than the requested"), tooLong.err());
        Path silent = dir.resolve("silent.wav");
        write(silent, new float[2][RATE * 40], OutputFormat.BitDepth.PCM_16);
        CliRun quiet = CliRun.of("edit", silent.toString(), "--length", "30");
        assertEquals(2, quiet.exit());
        assertTrue(quiet.err().contains("silent"), quiet.err());
        Path junk = dir.resolve("junk.wav");
        Files.writeString(junk, "not audio at all");
        CliRun unreadable = CliRun.of("edit", junk.toString(), "--length", "30");
        assertEquals(2, unreadable.exit());
        assertTrue(unreadable.err().contains("junk.wav"), unreadable.err());
        assertEquals(2, CliRun.of("edit", song.toString()).exit());
        assertEquals(2, CliRun.of("edit", dir.resolve("missing.wav").toString(), "--sting").exit());
    }

    private static void write(Path path, float[][] x, OutputFormat.BitDepth depth) throws IOException {
        try (AudioSink s = AudioFiles.create(path, new OutputFormat(OutputFormat.Container.WAV, RATE, 2, depth))) {
            s.write(x, 0, x[0].length);
        }
    }

    private static long frames(Path p) throws IOException {
        return read(p)[0].length;
    }

    private static float[][] read(Path p) throws IOException {
        try (AudioSource s = AudioFiles.open(p)) {
            return EditCommand.readAll(s);
        }
    }
}
