package dev.mixdown.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mixdown.dsp.io.AudioFiles;
import dev.mixdown.dsp.io.AudioSink;
import dev.mixdown.dsp.io.OutputFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("mixdown analyze")
class AnalyzeCommandTest {
    private static final List<String> KEYS = List.of("file", "sampleRate", "channels", "durationSeconds",
            "integratedLufs", "loudnessRangeLu", "truePeakDbtp", "samplePeakDbfs", "momentaryMaxLufs", "shortTermMaxLufs");

    @TempDir
    Path dir;



    /** Writes a stereo 1 kHz sine at {@code dbfs} peak (or silence when null). */
    private Path tone(String name, OutputFormat.Container container, Double dbfs, double seconds) throws IOException {
        Path p = dir.resolve(name);
        int rate = 48_000;
        int frames = (int) (seconds * rate);
        float[][] x = new float[2][frames];
        if (dbfs != null) {
            double a = Math.pow(10, dbfs / 20);
            for (int i = 0; i < frames; i++) {
                x[0][i] = x[1][i] = (float) (a * Math.sin(2 * Math.PI * 1000 * i / rate));
            }
        }
        try (AudioSink s = AudioFiles.create(p, new OutputFormat(container, rate, 2, OutputFormat.BitDepth.PCM_24))) {
            s.write(x, 0, frames);
        }
        return p;
    }

    @Test
    @DisplayName("--json prints one object with exactly the documented keys, measured to the EBU tolerances")
    void jsonForOneFile() throws Exception {
        Path f = tone("tone.flac", OutputFormat.Container.FLAC, -23.0, 10);
        CliRun r = CliRun.of("analyze", "--json", f.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode o = new ObjectMapper().readTree(r.out());
        List<String> keys = new ArrayList<>();
        o.fieldNames().forEachRemaining(keys::add);
        assertEquals(KEYS, keys);
        assertEquals(f.toString(), o.get("file").asText());
        assertEquals(48_000, o.get("sampleRate").asInt());
        assertEquals(2, o.get("channels").asInt());
        assertEquals(10.0, o.get("durationSeconds").asDouble(), 1e-6);
        assertEquals(-23.0, o.get("integratedLufs").asDouble(), 0.1);
        assertEquals(0.0, o.get("loudnessRangeLu").asDouble(), 0.1);
        assertEquals(-23.0, o.get("truePeakDbtp").asDouble(), 0.05);
        assertEquals(-23.0, o.get("samplePeakDbfs").asDouble(), 0.05);
        assertEquals(-23.0, o.get("momentaryMaxLufs").asDouble(), 0.1);
        assertEquals(-23.0, o.get("shortTermMaxLufs").asDouble(), 0.1);
    }

    @Test
    @DisplayName("--music --json adds tempo, meter, key, beats, downbeats and sections after the ten loudness keys")
    void musicJson() throws Exception {
        Path p = dir.resolve("clicks.wav");
        int rate = 44_100;
        double bpm = 120;
        int frames = rate * 20;
        float[][] x = new float[2][frames];
        for (int beat = 0; beat * 0.5 + 0.5 < 19.5; beat++) {
            int start = (int) Math.round((0.5 + beat * 0.5) * rate);
            double hz = beat % 4 == 0 ? 1500 : 1000;
            double amplitude = beat % 4 == 0 ? 0.8 : 0.45;
            for (int i = 0; i < rate / 5; i++) {
                double t = (double) i / rate;
                x[0][start + i] = x[1][start + i] = (float) (amplitude * Math.exp(-t / 0.03) * Math.sin(2 * Math.PI * hz * t));
            }
        }
        try (AudioSink s = AudioFiles.create(p, new OutputFormat(OutputFormat.Container.WAV, rate, 2, OutputFormat.BitDepth.PCM_24))) {
            s.write(x, 0, frames);
        }
        CliRun r = CliRun.of("analyze", "--music", "--json", p.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode o = new ObjectMapper().readTree(r.out());
        List<String> keys = new ArrayList<>();
        o.fieldNames().forEachRemaining(keys::add);
        List<String> expected = new ArrayList<>(KEYS);
        expected.addAll(List.of("bpm", "bpmConfidence", "meter", "key", "keyConfidence", "beats", "downbeats", "sections"));
        assertEquals(expected, keys);
        assertEquals(bpm, o.get("bpm").asDouble(), 1.2);
        assertEquals("4/4", o.get("meter").asText());
        assertTrue(o.get("beats").size() >= 36, "beats " + o.get("beats").size());
        assertEquals(0.5, o.get("downbeats").get(0).asDouble(), 0.02);
        JsonNode first = o.get("sections").get(0);
        assertEquals(List.of("start", "end", "label", "loudness"), fieldNames(first));
        assertEquals(0.0, first.get("start").asDouble(), 1e-9);

        CliRun table = CliRun.of("analyze", "--music", p.toString());
        assertEquals(0, table.exit(), table.err());
        assertTrue(table.out().contains("BPM") && table.out().contains("4/4"), table.out());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    @DisplayName("what cannot be measured is null: silence has no loudness and no peak")
    void silenceIsNull() throws Exception {
        Path f = tone("silence.wav", OutputFormat.Container.WAV, null, 5);
        CliRun r = CliRun.of("analyze", "--json", f.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode o = new ObjectMapper().readTree(r.out());
        for (String k : List.of("integratedLufs", "loudnessRangeLu", "truePeakDbtp", "samplePeakDbfs", "momentaryMaxLufs", "shortTermMaxLufs")) {
            assertTrue(o.get(k).isNull(), k + " is null");
        }
    }

    @Test
    @DisplayName("a bad file exits 2 with its problem on stderr, and the other files are still measured")
    void badFileAmongGoodOnes() throws Exception {
        Path a = tone("a.wav", OutputFormat.Container.WAV, -20.0, 4);
        Path bad = dir.resolve("bad.wav");
        Files.writeString(bad, "this is not audio");
        Path b = tone("b.flac", OutputFormat.Container.FLAC, -30.0, 4);
        CliRun r = CliRun.of("analyze", "--json", a.toString(), bad.toString(), b.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains(bad + ": not a WAV, AIFF, FLAC or MP3 file"), r.err());
        JsonNode arr = new ObjectMapper().readTree(r.out());
        assertTrue(arr.isArray());
        assertEquals(2, arr.size());
        assertEquals(a.toString(), arr.get(0).get("file").asText());
        assertEquals(-20.0, arr.get(0).get("integratedLufs").asDouble(), 0.1);
        assertEquals(b.toString(), arr.get(1).get("file").asText());
        assertEquals(-30.0, arr.get(1).get("integratedLufs").asDouble(), 0.1);
    }

    @Test
    @DisplayName("without --json it prints a table with units, one row per file")
    void table() throws Exception {
        Path a = tone("a.wav", OutputFormat.Container.WAV, -20.0, 4);
        CliRun r = CliRun.of("analyze", a.toString());
        assertEquals(0, r.exit(), r.err());
        String[] lines = r.out().strip().split("\n");
        assertEquals(2, lines.length);
        assertTrue(lines[0].startsWith("FILE"));
        assertTrue(lines[1].contains("-20.0") && lines[1].contains("LUFS") && lines[1].contains("dBTP"), lines[1]);
    }

    @Test
    @DisplayName("a missing file is a usage-level failure with exit code 2")
    void missingFile() {
        CliRun r = CliRun.of("analyze", dir.resolve("nope.wav").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("nope.wav: no such file"), r.err());
    }

    @Test
    @DisplayName("demo --offline mixes and masters the generated song to two deliverables, each on its target")
    void demo() throws Exception {
        Path out = dir.resolve("demo");
        CliRun r = CliRun.of("demo", "--offline", "--out", out.toString(), "--seconds", "8");
        assertEquals(0, r.exit(), r.err() + r.out());
        CliRun spotify = CliRun.of("analyze", "--json", out.resolve("spotify.wav").toString());
        CliRun apple = CliRun.of("analyze", "--json", out.resolve("apple-music.wav").toString());
        JsonNode s = new ObjectMapper().readTree(spotify.out());
        JsonNode a = new ObjectMapper().readTree(apple.out());
        assertEquals(-14.0, s.get("integratedLufs").asDouble(), 0.1);
        assertEquals(-16.0, a.get("integratedLufs").asDouble(), 0.1);
        assertEquals(48_000, a.get("sampleRate").asInt());
        assertTrue(s.get("truePeakDbtp").asDouble() <= -1.0 && a.get("truePeakDbtp").asDouble() <= -1.0);
        assertTrue(Files.exists(out.resolve("report.json")));
        assertTrue(r.out().contains("spotify") && r.out().contains("apple-music"), r.out());
    }
}
