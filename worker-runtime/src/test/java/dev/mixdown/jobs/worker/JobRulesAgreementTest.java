package dev.mixdown.jobs.worker;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixdown.dsp.master.DeliveryTarget;
import dev.mixdown.dsp.master.MasterSettings;
import dev.mixdown.dsp.master.ToneProfile;
import dev.mixdown.dsp.mix.MixJob;
import dev.mixdown.dsp.mix.Presence;
import dev.mixdown.dsp.mix.ReverbAmount;
import dev.mixdown.dsp.mix.StemRole;
import dev.mixdown.dsp.mix.StemSpec;
import dev.mixdown.jobs.contracts.DeliverableSpec;
import dev.mixdown.jobs.contracts.DeliveryRules;
import dev.mixdown.jobs.contracts.JobKind;
import dev.mixdown.jobs.contracts.JobRules;
import dev.mixdown.jobs.contracts.ReferenceTrack;
import dev.mixdown.jobs.contracts.StemInput;
import dev.mixdown.jobs.contracts.TargetSpec;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The gateway checks jobs with {@link JobRules} and {@link DeliveryRules}, without the engine; the
 * workers hand the same fields to the engine. Whatever the engine refuses must be refused at the
 * gateway (or a bad job is queued and fails), and whatever the gateway accepts must map onto the
 * engine. Where the gateway is stricter (caps, reserved names) the test says so.
 */
@DisplayName("The gateway's job rules and the engine accept and refuse the same values")
class JobRulesAgreementTest {
    static final Path FILE = Path.of("stem.wav");

    private static boolean accepts(Runnable check) {
        try {
            check.run();
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static <E extends Enum<E>> Set<String> ids(E[] values, Function<E, String> id) {
        return Arrays.stream(values).map(id).collect(Collectors.toSet());
    }

    @Test
    @DisplayName("the named lists are the engine's: targets, roles, presences, reverbs, tone profiles, and the stem limit")
    void sameNames() {
        assertEquals(DeliveryTarget.all().keySet(), Set.copyOf(DeliveryRules.TARGETS));
        assertEquals(ids(StemRole.values(), StemRole::id), Set.copyOf(JobRules.ROLES));
        assertEquals(ids(Presence.values(), Presence::id), Set.copyOf(JobRules.PRESENCES));
        assertEquals(ids(ReverbAmount.values(), ReverbAmount::id), Set.copyOf(JobRules.REVERBS));
        assertEquals(ids(ToneProfile.values(), ToneProfile::id), Set.copyOf(JobRules.PROFILES));
        assertEquals(MixJob.MAX_STEMS, DeliveryRules.MAX_STEMS);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @DisplayName("a name is a role, presence, reverb or profile at the gateway exactly when the engine takes it")
    @ValueSource(strings = {"vocal", "Backing-Vocal", "backing_vocal", "BACKING VOCAL", "backingvocal", "vox", "", " bass", "baß",
        "lead", "LEAD", "loud", "normal", "Background", "none", "Medium", "huge", "neutral", "WARM", "bright", "dark", "pıano"})
    void sameNamesAccepted(String name) {
        assertEquals(accepts(() -> StemRole.named(name)), accepts(() -> JobRules.checkStem(new StemInput("k", name, null, null, null, null, null))), "role");
        assertEquals(accepts(() -> Presence.named(name)), accepts(() -> JobRules.checkStem(new StemInput("k", null, name, null, null, null, null))), "presence");
        assertEquals(accepts(() -> ReverbAmount.named(name)), accepts(() -> JobRules.checkStem(new StemInput("k", null, null, null, name, null, null))), "reverb");
        assertEquals(accepts(() -> ToneProfile.named(name)), accepts(() -> JobRules.checkProfile(name)), "profile");
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("a pan or a gain is in range at the gateway exactly when the engine takes it")
    @ValueSource(doubles = {-60.0001, -60, -1.0001, -1, -0.5, 0, 1, 1.0001, 39.9, 40, 40.0001, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY})
    void sameRanges(double v) {
        assertEquals(accepts(() -> new StemSpec(FILE, null, null, v, null, null, false)),
                accepts(() -> JobRules.checkStem(new StemInput("k", null, null, v, null, null, null))), "pan");
        assertEquals(accepts(() -> new StemSpec(FILE, null, null, null, null, v, false)),
                accepts(() -> JobRules.checkStem(new StemInput("k", null, null, null, null, v, null))), "gainDb");
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("an amount is in range at the gateway exactly when the engine takes it")
    @ValueSource(doubles = {-0.001, 0, 50, 100, 100.001, Double.NaN, Double.POSITIVE_INFINITY})
    void sameAmounts(double amount) {
        assertEquals(accepts(() -> new MasterSettings(ToneProfile.NEUTRAL, List.of(), amount, true, null)),
                accepts(() -> JobRules.checkAmount(amount)));
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("a reference weight the engine refuses is refused at the gateway; the gateway also caps it at 10 and refuses infinity")
    @ValueSource(doubles = {-1, 0, Double.NaN, 0.001, 1, 10, 10.5, Double.POSITIVE_INFINITY})
    void referenceWeights(double weight) {
        boolean gateway = accepts(() -> JobRules.checkReference(new ReferenceTrack("k", weight)));
        boolean engine = accepts(() -> new MasterSettings.Reference(FILE, weight));
        if (gateway) {
            assertTrue(engine, "accepted at the gateway, refused by the engine");
        }
        assertEquals(gateway, engine && Double.isFinite(weight) && weight <= JobRules.MAX_REFERENCE_WEIGHT);
    }

    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @DisplayName("a deliverable the gateway accepts maps onto the engine")
    @CsvSource({"a.wav,,,", "a.flac,flac,24,", "a.mp3,mp3,,", "a.mp3,,,48000", "a.wave,,16,48000", "a.wav,wav,32f,96000",
        "A.FLAC,FLAC,16,192000"})
    void acceptedMaps(String name, String format, String bits, Integer rate) {
        DeliverableSpec d = new DeliverableSpec(name, format, rate, bits, TargetSpec.named("apple-music"));
        DeliveryRules.check(JobKind.MASTER, d);
        assertDoesNotThrow(() -> EngineMapping.deliverable(Path.of("out"), d));
    }

    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @DisplayName("a deliverable the engine refuses is refused at the gateway too")
    @CsvSource({"a.ogg,,,", "a.wav,aiff,,", "a.wav,,20,", "a.wav,,,1000", "a.flac,,32f,", "a.mp3,,,96000", "a.wav,,,200000"})
    void refusedAtBoth(String name, String format, String bits, Integer rate) {
        DeliverableSpec d = new DeliverableSpec(name, format, rate, bits, null);
        assertThrows(IllegalArgumentException.class, () -> EngineMapping.deliverable(Path.of("out"), d));
        assertThrows(IllegalArgumentException.class, () -> DeliveryRules.check(JobKind.MASTER, d));
    }

    @ParameterizedTest(name = "{0} LUFS, ceiling {1}")
    @DisplayName("a custom target is accepted at the gateway exactly when the engine takes it")
    @CsvSource({"-14,-1", "-0.5,-1", "-71,-1", "0,", "-14,-21", "-14,0.5", "-23,"})
    void customTargets(double lufs, Double ceiling) {
        TargetSpec t = new TargetSpec(null, lufs, ceiling);
        assertEquals(accepts(() -> EngineMapping.target(t)), accepts(() -> DeliveryRules.checkTarget(t)));
    }
}
