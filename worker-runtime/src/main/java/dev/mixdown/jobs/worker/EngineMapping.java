package dev.mixdown.jobs.worker;

import dev.mixdown.dsp.io.OutputFormat.BitDepth;
import dev.mixdown.dsp.master.Deliverable;
import dev.mixdown.dsp.master.DeliveryFormat;
import dev.mixdown.dsp.master.DeliveryTarget;
import dev.mixdown.dsp.mix.Presence;
import dev.mixdown.dsp.mix.ReverbAmount;
import dev.mixdown.dsp.mix.StemRole;
import dev.mixdown.dsp.mix.StemSpec;
import dev.mixdown.jobs.contracts.DeliverableSpec;
import dev.mixdown.jobs.contracts.StemInput;
import dev.mixdown.jobs.contracts.TargetSpec;
import java.nio.file.Path;

/** From the wire contracts to the engine's types; every mistake is an IllegalArgumentException a person can read. */
public final class EngineMapping {
    private EngineMapping() {
    }

    public static DeliveryTarget target(TargetSpec t) {
        if (t == null) {
            return DeliveryTarget.named("spotify");
        }
        if (t.lufs() != null) {
            return DeliveryTarget.custom(t.lufs(), t.ceilingDbtp() == null ? -1.0 : t.ceilingDbtp());
        }
        if (t.name() == null) {
            throw new IllegalArgumentException("a target needs a name or a loudness");
        }
        return DeliveryTarget.named(t.name());
    }

    public static BitDepth depth(String bits) {
        if (bits == null) {
            return null;
        }
        BitDepth depth = BitDepth.named(bits);
        if (depth == null) {
            throw new IllegalArgumentException("bits must be 16, 24 or 32f, not " + bits);
        }
        return depth;
    }

    /** The engine deliverable for a spec, written into {@code outDir} under the spec's name. */
    public static Deliverable deliverable(Path outDir, DeliverableSpec d) {
        DeliveryFormat format = d.format() != null ? DeliveryFormat.named(d.format()) : DeliveryFormat.fromFileName(d.name());
        if (format == null) {
            throw new IllegalArgumentException("deliverable " + d.name() + ": no format given and none implied by the name");
        }
        return new Deliverable(outDir.resolve(d.name()), format, d.sampleRate() == null ? 0 : d.sampleRate(), depth(d.bits()), 320,
                target(d.target()));
    }

    /** The engine's stem for an input downloaded to {@code local}: what the user said about it, the rest inferred by the engine. */
    public static StemSpec stem(Path local, StemInput s) {
        return new StemSpec(local, s.role() == null ? null : StemRole.named(s.role()),
                s.presence() == null ? null : Presence.named(s.presence()), s.pan(),
                s.reverb() == null ? null : ReverbAmount.named(s.reverb()), s.gainDb(), Boolean.TRUE.equals(s.mute()));
    }
}
