package dev.mixdown.jobs.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Object keys")
class ObjectKeysTest {

    @Test
    @DisplayName("uploads and outputs follow the one layout, under the tenant's prefix")
    void layout() {
        assertEquals("tenants/acme/uploads/u1/Bass DI.wav", ObjectKeys.upload("acme", "u1", "Bass DI.wav"));
        assertEquals("tenants/acme/jobs/j1/runs/r1/master.wav", ObjectKeys.runOutput("acme", "j1", "r1", "master.wav"));
        assertTrue(ObjectKeys.belongsTo(ObjectKeys.runOutput("acme", "j1", "r1", "x.wav"), "acme"));
        assertFalse(ObjectKeys.belongsTo(ObjectKeys.runOutput("acme", "j1", "r1", "x.wav"), "acme2"));
        assertFalse(ObjectKeys.belongsTo("tenants/other/uploads/u/x.wav", "acme"));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"..", "../x", "a/b", "", ".hidden", "x\u0000y"})
    @DisplayName("a segment that could climb out of its prefix is refused, naming what was wrong")
    void refusesTraversal(String segment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ObjectKeys.upload("acme", "u1", segment));
        assertTrue(e.getMessage().contains("invalid file name"), e.getMessage());
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"masters/../../x.wav", "/masters/x.wav", "masters//x.wav", "stems/main/", "..", "stems/.hidden/x.wav"})
    @DisplayName("an output path keeps its folders under the run, and no segment of it may climb out")
    void outputPaths(String path) {
        assertEquals("tenants/acme/jobs/j1/runs/r1/stems/main/full/Song_main_full_bass.wav",
                ObjectKeys.runOutputPath("acme", "j1", "r1", "stems/main/full/Song_main_full_bass.wav"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ObjectKeys.runOutputPath("acme", "j1", "r1", path));
        assertTrue(e.getMessage().contains("invalid output path segment"), e.getMessage());
    }

    @Test
    @DisplayName("topic names are derived in one place")
    void topics() {
        assertEquals("mixdown.master.jobs.interactive", Topics.jobs(JobKind.MASTER, Lane.INTERACTIVE));
        assertEquals("mixdown.mix.jobs.bulk", Topics.jobs(JobKind.MIX, Lane.BULK));
        assertEquals("mixdown.mix.jobs.bulk.dlq", Topics.deadLetter(Topics.jobs(JobKind.MIX, Lane.BULK)));
        assertEquals("mixdown.job.events", Topics.EVENTS);
    }
}
