package dev.mixdown.dsp.master;

import java.nio.file.Path;
import java.util.List;

/**
 * How to master: the tone to steer toward (a profile, or reference tracks with weights), how far
 * to go, and whether to shape dynamics and width.
 *
 * @param profile       tone profile; ignored when references are given
 * @param references    reference tracks and their weights
 * @param amountPercent 0 (no tonal change) to 100 (full move toward the target, within caps)
 * @param dynamics      gentle multiband compression where the plan finds it useful
 * @param width         stereo width (1 unchanged), or null to let the plan decide
 */
public record MasterSettings(ToneProfile profile, List<Reference> references, double amountPercent, boolean dynamics, Double width) {

    public record Reference(Path path, double weight) {
        public Reference {
            if (!(weight > 0)) {
                throw new IllegalArgumentException("reference weight must be positive: " + path + ":" + weight);
            }
        }
    }

    public MasterSettings {
        references = references == null ? List.of() : List.copyOf(references);
        if (!(amountPercent >= 0 && amountPercent <= 100)) {
            throw new IllegalArgumentException("amount must be between 0 and 100 %, got " + amountPercent);
        }
        if (width != null && !(width >= 0 && width <= 2)) {
            throw new IllegalArgumentException("width must be between 0 and 2, got " + width);
        }
        if (profile == null) {
            profile = ToneProfile.NEUTRAL;
        }
    }

    public static MasterSettings defaults() {
        return new MasterSettings(ToneProfile.NEUTRAL, List.of(), 50, true, null);
    }
}
