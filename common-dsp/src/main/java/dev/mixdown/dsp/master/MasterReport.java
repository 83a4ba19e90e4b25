package dev.mixdown.dsp.master;

import dev.mixdown.dsp.analysis.ProgramMeasurements;
import java.util.List;

/**
 * What the master engine measured, decided and delivered: before and after measurements, the plan,
 * one entry per delivered file with its own measurements and how close it came to its target,
 * and the warnings a person should read. Null means "could not be measured".
 */
public record MasterReport(
        String engineVersion,
        Input input,
        Settings settings,
        ProgramMeasurements before,
        MasterPlan plan,
        List<DeliveredFile> deliverables,
        List<String> warnings) {

    public record Input(String file, String sha256, String container, int sampleRate, int channels, int bitsPerSample,
            double durationSeconds) {
    }

    public record Settings(String profile, List<ReferenceUsed> references, double amountPercent, boolean dynamics, Double width) {
    }

    public record ReferenceUsed(String file, double weight, Double integratedLufs) {
    }

    /**
     * @param loudnessErrorLu  measured integrated loudness minus the target
     * @param truePeakMarginDb ceiling minus measured true peak (≥ 0 when the ceiling holds)
     * @param onTarget         within ±0.1 LU of the target and at or under the ceiling
     * @param passes           final renders it took (a render whose check failed is redone)
     */
    public record DeliveredFile(String file, String format, int sampleRate, Integer bits, Integer bitrateKbps,
            String target, double targetLufs, double ceilingDbtp, double gainDb, Limiter limiter,
            ProgramMeasurements after, Double loudnessErrorLu, Double truePeakMarginDb, boolean onTarget, int passes, String note) {
    }

    /** The limiter's work on one delivered file. */
    public record Limiter(double ceilingUsedDbtp, double meanReductionDb, double maxReductionDb, double activePercent) {
    }
}
