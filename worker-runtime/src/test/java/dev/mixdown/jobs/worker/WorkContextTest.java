package dev.mixdown.jobs.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.mixdown.jobs.contracts.JobKind;
import dev.mixdown.jobs.contracts.JobMessage;
import dev.mixdown.jobs.contracts.Lane;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A job's work context shows the tenant its own names, never the worker's paths")
class WorkContextTest {
    static final String DRUMS = "tenants/t/uploads/u/drums.wav";

    @TempDir
    Path workDir;

    private WorkContext context() {
        JobMessage job = new JobMessage(1, "j", "t", JobKind.MIX, Lane.INTERACTIVE, 1, null, null, null, null, null, null, "now");
        return new WorkContext(job, new dev.mixdown.jobs.contracts.JobRun("r", 1, 1, 0, 1), null, workDir, (percent, stage) -> { });
    }

    @Test
    @DisplayName("an engine message about a local copy names the uploaded key instead")
    void errorMessages() {
        WorkContext ctx = context();
        Path local = ctx.shownAs(workDir.resolve("stems").resolve("000-drums.wav"), DRUMS);
        assertEquals(DRUMS + ": pan must be between -1 (left) and 1 (right), got 1.7",
                ctx.redact(local + ": pan must be between -1 (left) and 1 (right), got 1.7"));
    }

    @Test
    @DisplayName("a longer path is not mistaken for a shorter one it starts with, and unnamed files in the work folder lose the folder")
    void longestFirst() {
        WorkContext ctx = context();
        ctx.shownAs(workDir.resolve("reference-1"), "tenants/t/uploads/u/one.wav");
        ctx.shownAs(workDir.resolve("reference-10"), "tenants/t/uploads/u/ten.wav");
        assertEquals("tenants/t/uploads/u/ten.wav and engine/tmp.wav",
                ctx.redact(workDir.resolve("reference-10") + " and " + workDir.resolve("engine").resolve("tmp.wav")));
    }

    @Test
    @DisplayName("every text in a JSON report, however deep, shows keys and output names; numbers and structure stay")
    void reports() throws Exception {
        WorkContext ctx = context();
        Path stem = ctx.shownAs(workDir.resolve("stems").resolve("000-drums.wav"), DRUMS);
        Path out = ctx.shownAs(workDir.resolve("out").resolve("spotify.wav"), "spotify.wav");
        Map<String, Object> report = Map.of("input", Map.of("file", stem.toString(), "lufs", -14.5),
                "deliverables", List.of(Map.of("file", out.toString())), "warnings", List.of(stem + ": clipped"));
        ctx.results().json("report.json", report);
        String json = Files.readString(workDir.resolve("report.json"), StandardCharsets.UTF_8);
        assertFalse(json.contains(workDir.toString()), json);
        assertEquals(Map.of("input", Map.of("file", DRUMS, "lufs", -14.5), "deliverables", List.of(Map.of("file", "spotify.wav")),
                "warnings", List.of(DRUMS + ": clipped")), new com.fasterxml.jackson.databind.ObjectMapper().readValue(json, Map.class));
    }
}
