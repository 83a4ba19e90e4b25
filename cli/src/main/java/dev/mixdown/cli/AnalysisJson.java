package dev.mixdown.cli;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.mixdown.dsp.analysis.LoudnessSummary;
import java.util.OptionalDouble;

/** The JSON shape of {@code mixdown analyze --json}: exactly these keys, null where nothing can be measured. */
@JsonPropertyOrder({"file", "sampleRate", "channels", "durationSeconds", "integratedLufs", "loudnessRangeLu",
    "truePeakDbtp", "samplePeakDbfs", "momentaryMaxLufs", "shortTermMaxLufs"})
public record AnalysisJson(
        String file,
        int sampleRate,
        int channels,
        double durationSeconds,
        Double integratedLufs,
        Double loudnessRangeLu,
        Double truePeakDbtp,
        Double samplePeakDbfs,
        Double momentaryMaxLufs,
        Double shortTermMaxLufs) {

    static AnalysisJson of(String file, LoudnessSummary s) {
        return new AnalysisJson(file, s.sampleRate(), s.channels(), round(s.durationSeconds(), 6),
                value(s.integratedLufs()), value(s.loudnessRangeLu()), value(s.truePeakDbtp()),
                value(s.samplePeakDbfs()), value(s.momentaryMaxLufs()), value(s.shortTermMaxLufs()));
    }

    private static Double value(OptionalDouble v) {
        return v.isPresent() ? round(v.getAsDouble(), 3) : null;
    }

    private static double round(double v, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(v * scale) / scale;
    }
}
