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

@DisplayName("mixdown master")
class MasterCommandTest {
    @TempDir
    Path dir;
    Path input;



    @BeforeEach
    void song() throws IOException {
        input = dir.resolve("song.wav");
        int rate = 44_100;
        int frames = rate * 12;
        float[][] x = new float[2][frames];
        for (int i = 0; i < frames; i++) {
            double t = (double) i / rate;
            double env = Math.exp(-(t % 0.5) * 6);
            x[0][i] = (float) (0.2 * Math.sin(2 * Math.PI * 110 * t) * env + 0.05 * Math.sin(2 * Math.PI * 660 * t));
            x[1][i] = (float) (0.2 * Math.sin(2 * Math.PI * 110 * t) * env + 0.04 * Math.sin(2 * Math.PI * 880 * t));
        }
        try (AudioSink s = AudioFiles.create(input, new OutputFormat(OutputFormat.Container.WAV, rate, 2, OutputFormat.BitDepth.PCM_16))) {
            s.write(x, 0, frames);
        }
    }

    @Test
    @DisplayName("masters to a named target, writes the report and plots, and the analysis agrees")
    void namedTarget() throws Exception {
        Path out = dir.resolve("out/master.flac");
        Path report = dir.resolve("out/report.json");
        Path plots = dir.resolve("out/plots");
        CliRun r = CliRun.of("master", input.toString(), out.toString(), "--target", "apple-music", "--rate", "48000", "--bits", "24",
                "--report", report.toString(), "--plots", plots.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode rep = new ObjectMapper().readTree(report.toFile());
        JsonNode d = rep.get("deliverables").get(0);
        assertEquals("flac", d.get("format").asText());
        assertEquals(48_000, d.get("sampleRate").asInt());
        assertTrue(d.get("onTarget").asBoolean());
        for (String png : new String[] {"waveform.png", "loudness.png", "spectrum.png"}) {
            byte[] head = Files.readAllBytes(plots.resolve(png));
            assertEquals((byte) 0x89, head[0]);
            assertEquals('P', head[1]);
            java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(plots.resolve(png).toFile());
            assertEquals(1200, image.getWidth(), png + " decodes as a 1200x500 image");
            assertEquals(500, image.getHeight(), png + " decodes as a 1200x500 image");
        }
        CliRun a = CliRun.of("analyze", "--json", out.toString());
        JsonNode m = new ObjectMapper().readTree(a.out());
        assertEquals(-16.0, m.get("integratedLufs").asDouble(), 0.1);
        assertTrue(m.get("truePeakDbtp").asDouble() <= -1.0);
        assertTrue(rep.get("engineVersion").asText().length() > 0);
        assertEquals(64, rep.get("input").get("sha256").asText().length());
    }

    @Test
    @DisplayName("--lufs and --ceiling set a custom target; --json prints the report")
    void customTarget() throws Exception {
        Path out = dir.resolve("custom.wav");
        CliRun r = CliRun.of("master", input.toString(), out.toString(), "--lufs", "-12", "--ceiling", "-0.3", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode rep = new ObjectMapper().readTree(r.out());
        JsonNode d = rep.get("deliverables").get(0);
        assertEquals(-12.0, d.get("after").get("integratedLufs").asDouble(), 0.1);
        assertTrue(d.get("after").get("truePeakDbtp").asDouble() <= -0.3);
        assertEquals("custom", d.get("target").asText());
    }

    @Test
    @DisplayName("an unknown target, an impossible option or a bad input gives exit code 2 and names the problem")
    void badInput() throws IOException {
        CliRun unknown = CliRun.of("master", input.toString(), dir.resolve("o.wav").toString(), "--target", "radio-luxembourg");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("unknown target 'radio-luxembourg'"), unknown.err());

        CliRun impossible = CliRun.of("master", input.toString(), dir.resolve("o.flac").toString(), "--bits", "32f");
        assertEquals(2, impossible.exit());
        assertTrue(impossible.err().contains("FLAC"), impossible.err());

        CliRun noExt = CliRun.of("master", input.toString(), dir.resolve("o.xyz").toString());
        assertEquals(2, noExt.exit());
        assertTrue(noExt.err().contains("--format"), noExt.err());

        Path broken = dir.resolve("broken.wav");
        Files.writeString(broken, "RIFF....WAVEjunk");
        CliRun bad = CliRun.of("master", broken.toString(), dir.resolve("o.wav").toString());
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("broken.wav"), bad.err());
    }
}
