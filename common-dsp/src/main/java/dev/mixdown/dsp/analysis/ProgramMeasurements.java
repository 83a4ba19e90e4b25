package dev.mixdown.dsp.analysis;

import java.util.List;

/**
 * Everything a report says about one program (an input or a delivered file). Values that cannot
 * be measured are null.
 *
 * @param integratedLufs     BS.1770-4 integrated loudness
 * @param loudnessRangeLu    EBU Tech 3342 loudness range
 * @param truePeakDbtp       highest true peak
 * @param samplePeakDbfs     highest sample peak
 * @param plrDb              peak-to-loudness ratio: true peak minus integrated loudness
 * @param momentaryMaxLufs   highest 400 ms loudness
 * @param shortTermMaxLufs   highest 3 s loudness
 * @param stereoCorrelation  Pearson correlation of left and right (1 mono, 0 unrelated, −1 inverted); null for mono
 * @param sideToMidDb        side energy relative to mid energy in dB (width); null for mono
 * @param spectrum           third-octave band levels, 25 Hz to 20 kHz
 */
public record ProgramMeasurements(
        Double integratedLufs,
        Double loudnessRangeLu,
        Double truePeakDbtp,
        Double samplePeakDbfs,
        Double plrDb,
        Double momentaryMaxLufs,
        Double shortTermMaxLufs,
        Double stereoCorrelation,
        Double sideToMidDb,
        List<Band> spectrum) {

    /** One third-octave band: its centre and its mean-square level in dBFS (null above Nyquist). */
    public record Band(double hz, Double db) {
    }
}
