package dev.mixdown.jobs.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mixdown.dsp.master.DeliveryTarget;
import dev.mixdown.dsp.mix.MixJob;
import dev.mixdown.jobs.contracts.DeliverableSpec;
import dev.mixdown.jobs.contracts.DeliveryRules;
import dev.mixdown.jobs.contracts.TargetSpec;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The gateway's delivery rules and the engine agree")
class DeliveryRulesAgreementTest {

    @Test
    @DisplayName("every named target the engine knows is accepted at the gateway, and no other")
    void sameTargets() {
        assertEquals(DeliveryTarget.all().keySet(), Set.copyOf(DeliveryRules.TARGETS));
    }

    @Test
    @DisplayName("the gateway's stem limit is the mix engine's")
    void sameStemLimit() {
        assertEquals(MixJob.MAX_STEMS, DeliveryRules.MAX_STEMS);
    }

    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @DisplayName("a deliverable the gateway accepts maps onto the engine")
    @CsvSource({"a.wav,,,", "a.flac,flac,24,", "a.mp3,mp3,,", "a.wave,,16,48000", "a.wav,wav,32f,96000"})
    void acceptedMaps(String name, String format, String bits, Integer rate) {
        DeliverableSpec d = new DeliverableSpec(name, format, rate, bits, TargetSpec.named("apple-music"));
        DeliveryRules.check(d);
        EngineMapping.deliverable(Path.of("out"), d);
    }

    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @DisplayName("a deliverable the engine refuses is refused at the gateway too")
    @CsvSource({"a.ogg,,,", "a.wav,aiff,,", "a.wav,,20,", "a.wav,,,1000"})
    void refusedAtBoth(String name, String format, String bits, Integer rate) {
        DeliverableSpec d = new DeliverableSpec(name, format, rate, bits, null);
        assertThrows(IllegalArgumentException.class, () -> DeliveryRules.check(d));
    }

    @Test
    @DisplayName("a custom target the engine would refuse is refused at the gateway")
    void customTarget() {
        TargetSpec aboveCeiling = new TargetSpec(null, -0.5, -1.0);
        assertThrows(IllegalArgumentException.class, () -> EngineMapping.target(aboveCeiling));
        assertThrows(IllegalArgumentException.class, () -> DeliveryRules.checkTarget(aboveCeiling));
    }
}
