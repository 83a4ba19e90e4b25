package dev.mixdown.dsp.mix;

import dev.mixdown.dsp.analysis.ProgramMeasurements;
import dev.mixdown.dsp.master.MasterReport;
import java.util.List;

/**
 * What the mix engine did to each stem and what came out. Loudness figures are active loudness:
 * measured where the stem plays, ignoring its silences and low-level bleed.
 */
public record MixReport(
        String engineVersion,
        int mixRate,
        String out,
        List<Stem> stems,
        Bus bus,
        ProgramMeasurements mix,
        MasterReport master,
        String stemsOut,
        List<String> warnings) {

    /**
     * @param loudnessBeforeLufs active loudness of the stem as given
     * @param loudnessInMixLufs  active loudness of its contribution to the mix (after processing, gain and pan)
     * @param unmaskingMaxDb     deepest dip it took in the lead's key band (0 when it never had to yield)
     * @param balance            how its level was decided: the balance model's prediction and its main reasons, or
     *                           the role table, and what the user changed on top
     */
    public record Stem(String file, int sampleRate, int channels, double durationSeconds, String role, String roleSource,
            String roleEvidence, String presence, boolean lead, boolean muted, double targetLufs, double gainDb, double pan,
            String panReason, boolean summedToMono, List<StemPlan.Eq> eq, StemPlan.Compression compression,
            Double compressionMeanReductionDb, Double compressionMaxReductionDb, Double reverbSendDb, Double delaySendDb,
            Double loudnessBeforeLufs, Double loudnessInMixLufs, double activePercent, double unmaskingMaxDb,
            BalanceDecision balance) {
    }

    /** The bus stage: shared returns, bus compressor, headroom trim. */
    public record Bus(String reverb, String delay, StemPlan.Compression compressor, double compressorMeanReductionDb,
            double compressorMaxReductionDb, double headroomTrimDb, String note) {
    }
}
