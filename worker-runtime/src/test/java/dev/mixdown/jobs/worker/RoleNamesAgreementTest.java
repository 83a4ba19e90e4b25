package dev.mixdown.jobs.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mixdown.dsp.mix.RoleInference;
import dev.mixdown.jobs.contracts.RoleNames;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The gateway infers roles from file names with {@link RoleNames} (for the web app's stems table)
 * and the mix engine with {@link RoleInference}: both must name the same role for the same file.
 */
@DisplayName("The gateway's file-name role table agrees with the engine's")
class RoleNamesAgreementTest {

    static Stream<String> everyRuleAsAName() {
        return RoleNames.RULES.stream().flatMap(r -> Stream.of(String.join("_", r.words()) + ".wav",
                "01 " + String.join(" ", r.words()) + " take2.flac"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyRuleAsAName")
    @DisplayName("every rule's words, spelled as a file name, give the same role in both")
    void everyRule(String name) {
        assertEquals(engine(name), gateway(name));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Kick.wav", "LeadVox.wav", "BV 2.wav", "Gtr_L.aif", "acoustic_grand_piano.wav", "pick_bass.flac",
            "bass drum.wav", "backing vox.wav", "808.wav", "electric piano.wav", "drums.wav", "bass.wav", "chords.wav", "lead.wav",
            "Overheads.wav", "song.wav", "ch01.wav", "Room Mic.wav", "Strings Hi.wav", "sfx riser.mp3", "mixdown-final.wav"})
    @DisplayName("typical stem names get the same role (or none) in both")
    void typicalNames(String name) {
        assertEquals(engine(name), gateway(name));
    }

    private static String engine(String name) {
        return RoleInference.fromName(name).map(i -> i.role().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')).orElse(null);
    }

    private static String gateway(String name) {
        return RoleNames.infer(name).map(RoleNames.Inferred::role).orElse(null);
    }
}
