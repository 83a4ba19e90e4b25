package dev.mixdown.jobs.contracts;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("The job rules the gateway checks before queueing")
class JobRulesTest {
    static final String KEY = "tenants/t/uploads/u/drums.wav";
    static final DeliverableSpec OUT = new DeliverableSpec("out.wav", "wav", null, "24", TargetSpec.named("spotify"));

    static JobMessage mix(List<StemInput> stems, List<DeliverableSpec> deliverables, List<ReferenceTrack> references) {
        return new JobMessage(1, "j", "t", JobKind.MIX, Lane.INTERACTIVE, 1, null, stems, deliverables, null, null, references, "now");
    }

    static JobMessage master(List<DeliverableSpec> deliverables, String profile, Double amount, List<ReferenceTrack> references) {
        return new JobMessage(1, "j", "t", JobKind.MASTER, Lane.INTERACTIVE, 1, KEY, null, deliverables, profile, amount, references, "now");
    }

    static RuleViolation refused(JobMessage job) {
        return assertThrows(RuleViolation.class, () -> JobRules.check(job));
    }

    @Test
    @DisplayName("a job using every option within its range passes")
    void valid() {
        StemInput stem = new StemInput(KEY, "Backing_Vocal", "LEAD", -1.0, "high", 40.0, true);
        assertDoesNotThrow(() -> JobRules.check(mix(List.of(stem, StemInput.of(KEY)), List.of(OUT),
                List.of(new ReferenceTrack(KEY, 10), ReferenceTrack.of(KEY)))));
        assertDoesNotThrow(() -> JobRules.check(master(List.of(OUT), "Warm", 0.0, List.of(new ReferenceTrack(KEY, 0.01)))));
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("a bad stem field is INVALID_STEM, naming the stem by index and file and the field by name")
    @CsvSource(delimiter = '|', value = {
        "role=vox|vox|||||stems[0] (drums.wav): unknown role 'vox'",
        "presence=loud||loud||||stems[0] (drums.wav): unknown presence 'loud'",
        "pan=1.7|||1.7|||stems[0] (drums.wav): pan 1.7 is outside -1 (left)..1 (right)",
        "pan=NaN|||NaN|||stems[0] (drums.wav): pan NaN is outside",
        "reverb=huge||||huge||stems[0] (drums.wav): unknown reverb 'huge'",
        "gainDb=41|||||41|stems[0] (drums.wav): gainDb 41.0 is outside -60..40 dB",
        "gainDb=-Infinity|||||-Infinity|stems[0] (drums.wav): gainDb -Infinity is outside"})
    void badStem(String label, String role, String presence, Double pan, String reverb, Double gainDb, String message) {
        RuleViolation e = refused(mix(List.of(new StemInput(KEY, role, presence, pan, reverb, gainDb, null)), List.of(), List.of()));
        assertEquals("INVALID_STEM", e.code());
        assertEquals(true, e.getMessage().startsWith(message), e.getMessage());
    }

    @Test
    @DisplayName("a stem without a key, a null stem, and more than 128 stems are refused")
    void stemLists() {
        assertEquals("stems[1]: a stem needs the key of an uploaded file",
                refused(mix(List.of(StemInput.of(KEY), StemInput.of(" ")), List.of(), List.of())).getMessage());
        assertEquals("INVALID_STEM", assertThrows(RuleViolation.class, () -> JobRules.checkStems(Collections.singletonList(null))).code());
        assertEquals("TOO_MANY_STEMS", refused(mix(Collections.nCopies(129, StemInput.of(KEY)), List.of(), List.of())).code());
        assertEquals("INVALID_REQUEST", refused(mix(List.of(), List.of(), List.of())).code());
    }

    @ParameterizedTest(name = "{0} {1} bits={2} rate={3}")
    @DisplayName("a deliverable whose name, format, bits or rate the workers could not honour is INVALID_DELIVERABLE")
    @CsvSource(delimiter = '|', value = {
        "report.json|wav||",       // the worker's report
        "REPORT.JSON||| ",
        "mix.wav|||",              // a mix job's own mix
        "o.wav|mp3||",             // MP3 bytes under .wav
        "o.png|wav||",
        "noextension|wav||",
        "o.flac||32f|",
        "o.mp3||16|",
        "o.mp3|||96000",
        "o.wav||20|",
        "o.wav|||1000",
        "../o.wav|||",
        "o.ogg|||"})
    void badDeliverable(String name, String format, String bits, Integer rate) {
        DeliverableSpec d = new DeliverableSpec(name, format, rate, bits, null);
        RuleViolation e = refused(mix(List.of(StemInput.of(KEY)), List.of(d), List.of()));
        assertEquals("INVALID_DELIVERABLE", e.code());
        assertEquals(true, e.getMessage().startsWith("deliverables[0] (" + name + "): "), e.getMessage());
    }

    @Test
    @DisplayName("a master job may deliver mix.wav, which only a mix job writes itself")
    void mixNameFreeForMaster() {
        assertDoesNotThrow(() -> JobRules.check(master(List.of(new DeliverableSpec("mix.wav", null, null, null, null)), null, null, List.of())));
    }

    @Test
    @DisplayName("two deliverables writing one file (names equal but for case) are refused, naming both")
    void duplicateNames() {
        RuleViolation e = refused(master(List.of(OUT, new DeliverableSpec("Out.WAV", null, null, "16", null)), null, null, List.of()));
        assertEquals("INVALID_DELIVERABLE", e.code());
        assertEquals("deliverables[1] (Out.WAV): the same file name as deliverables[0]; every deliverable needs its own name", e.getMessage());
    }

    @Test
    @DisplayName("an unknown target name is UNSUPPORTED_TARGET; more than 16 deliverables is TOO_MANY_DELIVERABLES")
    void targetsAndCount() {
        DeliverableSpec radio = new DeliverableSpec("o.wav", null, null, null, TargetSpec.named("radio"));
        assertEquals("UNSUPPORTED_TARGET", refused(master(List.of(radio), null, null, List.of())).code());
        List<DeliverableSpec> many = new ArrayList<>();
        for (int i = 0; i <= JobRules.MAX_DELIVERABLES; i++) {
            many.add(new DeliverableSpec("o" + i + ".wav", null, null, null, null));
        }
        assertEquals("TOO_MANY_DELIVERABLES", refused(master(many, null, null, List.of())).code());
        assertDoesNotThrow(() -> JobRules.check(master(many.subList(0, JobRules.MAX_DELIVERABLES), null, null, List.of())));
    }

    @ParameterizedTest(name = "weight {0}")
    @DisplayName("a reference weight must be finite, above 0 and at most 10")
    @CsvSource({"0", "-1", "10.001", "NaN", "Infinity"})
    void badWeight(double weight) {
        RuleViolation e = refused(master(List.of(OUT), null, null, List.of(new ReferenceTrack(KEY, weight))));
        assertEquals("INVALID_REFERENCE", e.code());
        assertEquals("references[0] (drums.wav): weight " + weight + " is outside (0, 10.0]", e.getMessage());
    }

    @Test
    @DisplayName("more than 8 references, a reference without a key, and references on a mix that is not mastered are refused")
    void referenceLists() {
        assertEquals("TOO_MANY_REFERENCES",
                refused(master(List.of(OUT), null, null, Collections.nCopies(JobRules.MAX_REFERENCES + 1, ReferenceTrack.of(KEY)))).code());
        assertEquals("INVALID_REFERENCE", refused(master(List.of(OUT), null, null, List.of(ReferenceTrack.of("")))).code());
        RuleViolation unused = refused(mix(List.of(StemInput.of(KEY)), List.of(), List.of(ReferenceTrack.of(KEY))));
        assertEquals("REFERENCES_NEED_DELIVERABLES", unused.code());
    }

    @ParameterizedTest(name = "profile {0}, amount {1}: {2}")
    @DisplayName("the tone profile and amount are the engine's")
    @CsvSource({"loud,,INVALID_PROFILE", ",100.5,INVALID_AMOUNT", ",-0.1,INVALID_AMOUNT", ",NaN,INVALID_AMOUNT"})
    void tone(String profile, Double amount, String code) {
        assertEquals(code, refused(master(List.of(OUT), profile, amount, List.of())).code());
    }

    @Test
    @DisplayName("a master job needs an input and deliverables and takes no stems; a mix job takes no input")
    void shapes() {
        JobMessage noInput = new JobMessage(1, "j", "t", JobKind.MASTER, Lane.BULK, 1, null, null, List.of(OUT), null, null, null, "now");
        JobMessage withStems = new JobMessage(1, "j", "t", JobKind.MASTER, Lane.BULK, 1, KEY, List.of(StemInput.of(KEY)), List.of(OUT),
                null, null, null, "now");
        JobMessage mixWithInput = new JobMessage(1, "j", "t", JobKind.MIX, Lane.BULK, 1, KEY, List.of(StemInput.of(KEY)), null, null,
                null, null, "now");
        for (JobMessage m : List.of(noInput, withStems, mixWithInput, master(List.of(), null, null, List.of()))) {
            assertEquals("INVALID_REQUEST", refused(m).code());
        }
    }
}
