package dev.mixdown.dsp.analysis;

import java.util.OptionalDouble;

/**
 * What one pass over a file measured. A value that cannot be measured (the integrated loudness of
 * silence, the loudness range of a file shorter than 3 s) is empty rather than a sentinel number.
 *
 * @param sampleRate         frames per second
 * @param channels           channel count
 * @param frames             frames measured
 * @param integratedLufs     BS.1770-4 gated integrated loudness
 * @param loudnessRangeLu    EBU Tech 3342 loudness range
 * @param truePeakDbtp       highest true peak over all channels
 * @param samplePeakDbfs     highest sample peak over all channels
 * @param momentaryMaxLufs   highest 400 ms loudness
 * @param shortTermMaxLufs   highest 3 s loudness
 * @param truePeakPerChannel linear true peak of each channel
 * @param samplePeakPerChannel linear sample peak of each channel
 */
public record LoudnessSummary(
        int sampleRate,
        int channels,
        long frames,
        OptionalDouble integratedLufs,
        OptionalDouble loudnessRangeLu,
        OptionalDouble truePeakDbtp,
        OptionalDouble samplePeakDbfs,
        OptionalDouble momentaryMaxLufs,
        OptionalDouble shortTermMaxLufs,
        double[] truePeakPerChannel,
        double[] samplePeakPerChannel) {

    public double durationSeconds() {
        return (double) frames / sampleRate;
    }
}
