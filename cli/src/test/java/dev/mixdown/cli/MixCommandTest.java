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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("mixdown mix")
class MixCommandTest {
    @TempDir
    Path dir;
    Path stems;



    private void write(String name, double hz, double amplitude, int channels) throws IOException {
        int rate = 44_100;
        int frames = rate * 8;
        float[][] x = new float[channels][frames];
        for (int i = 0; i < frames; i++) {
            double t = (double) i / rate;
            double env = 0.6 + 0.4 * Math.sin(2 * Math.PI * t / 2);
            for (int ch = 0; ch < channels; ch++) {
                x[ch][i] = (float) (amplitude * env * Math.sin(2 * Math.PI * hz * t));
            }
        }
        try (AudioSink s = AudioFiles.create(stems.resolve(name), new OutputFormat(OutputFormat.Container.WAV, rate, channels,
                OutputFormat.BitDepth.PCM_24))) {
            s.write(x, 0, frames);
        }
    }

    @BeforeEach
    void folder() throws IOException {
        stems = dir.resolve("song");
        Files.createDirectories(stems);
        write("Bass.wav", 55, 0.3, 1);
        write("Gtr.wav", 330, 0.05, 2);
        write("Lead Vox.wav", 440, 0.2, 1);
        write("mystery.wav", 800, 0.1, 2);
        Files.writeString(stems.resolve("notes.txt"), "not audio, ignored");
    }

    @Test
    @DisplayName("a folder of stems becomes a mix with a report naming each stem's role and where it came from")
    void folderOfStems() throws Exception {
        Path out = dir.resolve("mix.flac");
        CliRun r = CliRun.of("mix", stems.toString(), "--out", out.toString(), "--role", "mystery.wav=keys", "--presence", "Gtr.wav=background",
                "--json", "--stems-out", dir.resolve("processed").toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode rep = new ObjectMapper().readTree(r.out());
        assertEquals(4, rep.get("stems").size());
        assertEquals("bass", rep.get("stems").get(0).get("role").asText());
        assertEquals("file name", rep.get("stems").get(0).get("roleSource").asText());
        assertEquals("guitar", rep.get("stems").get(1).get("role").asText());
        assertEquals("background", rep.get("stems").get(1).get("presence").asText());
        assertEquals("vocal", rep.get("stems").get(2).get("role").asText());
        assertTrue(rep.get("stems").get(2).get("lead").asBoolean());
        assertEquals("keys", rep.get("stems").get(3).get("role").asText());
        assertEquals("given", rep.get("stems").get(3).get("roleSource").asText());
        assertTrue(rep.get("mix").get("samplePeakDbfs").asDouble() <= -3.0);
        assertTrue(Files.size(out) > 1000);
        try (var s = Files.list(dir.resolve("processed"))) {
            assertEquals(6, s.count(), "four stems plus the reverb and delay returns");
        }
    }

    @Test
    @DisplayName("--master chains the mix into mastering")
    void chained() throws Exception {
        Path out = dir.resolve("master.wav");
        CliRun r = CliRun.of("mix", stems.toString(), "--out", out.toString(), "--master", "apple-music");
        assertEquals(0, r.exit(), r.err());
        CliRun a = CliRun.of("analyze", "--json", out.toString());
        assertEquals(-16.0, new ObjectMapper().readTree(a.out()).get("integratedLufs").asDouble(), 0.1);
    }

    @Test
    @DisplayName("bad input gives exit code 2 and names the problem")
    void badInput() throws IOException {
        CliRun unknownRole = CliRun.of("mix", stems.toString(), "--out", dir.resolve("m.wav").toString(), "--role", "Bass.wav=tuba-section");
        assertEquals(2, unknownRole.exit());
        assertTrue(unknownRole.err().contains("unknown role 'tuba-section'"), unknownRole.err());

        CliRun noSuchStem = CliRun.of("mix", stems.toString(), "--out", dir.resolve("m.wav").toString(), "--role", "Drums.wav=drums");
        assertEquals(2, noSuchStem.exit());
        assertTrue(noSuchStem.err().contains("Drums.wav") && noSuchStem.err().contains("no stem"), noSuchStem.err());

        Path broken = stems.resolve("Kick.wav");
        Files.writeString(broken, "garbage");
        CliRun bad = CliRun.of("mix", stems.toString(), "--out", dir.resolve("m.wav").toString());
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("Kick.wav"), bad.err());

        CliRun empty = CliRun.of("mix", dir.resolve("nothing").toString(), "--out", dir.resolve("m.wav").toString());
        assertEquals(2, empty.exit());
        assertTrue(empty.err().contains("no such file"), empty.err());
    }
}
