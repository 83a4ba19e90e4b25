package dev.mixdown.dsp.analysis;

import dev.mixdown.dsp.io.AudioFiles;
import dev.mixdown.dsp.io.AudioSource;
import dev.mixdown.dsp.io.ReadAheadSource;
import dev.mixdown.dsp.meter.LoudnessMeter;
import dev.mixdown.dsp.meter.TruePeakMeter;
import java.io.IOException;
import java.nio.file.Path;

/** Streams a file once through the loudness and true-peak meters. */
public final class LoudnessAnalyzer {
    private static final int BLOCK_FRAMES = 4096;

    private LoudnessAnalyzer() {
    }

    public static LoudnessSummary analyze(Path file) throws IOException {
        try (AudioSource source = new ReadAheadSource(AudioFiles.open(file))) {
            return analyze(source);
        }
    }

    public static LoudnessSummary analyze(AudioSource source) throws IOException {
        int rate = source.info().sampleRate();
        int channels = source.info().channels();
        LoudnessMeter loudness = new LoudnessMeter();
        loudness.prepare(rate, channels);
        TruePeakMeter peaks = new TruePeakMeter();
        peaks.prepare(rate, channels);
        float[][] block = new float[channels][BLOCK_FRAMES];
        long frames = 0;
        int n;
        while ((n = source.read(block, 0, BLOCK_FRAMES)) > 0) {
            loudness.accept(block, 0, n);
            peaks.accept(block, 0, n);
            frames += n;
        }
        peaks.finish();
        return summarize(loudness, peaks, frames);
    }

    /** Collects the results of meters that have measured {@code frames} frames. */
    public static LoudnessSummary summarize(LoudnessMeter loudness, TruePeakMeter peaks, long frames) {
        int channels = peaks.channels();
        double[] tp = new double[channels];
        double[] sp = new double[channels];
        for (int ch = 0; ch < channels; ch++) {
            tp[ch] = peaks.truePeak(ch);
            sp[ch] = peaks.samplePeak(ch);
        }
        return new LoudnessSummary(loudness.sampleRate(), channels, frames,
                loudness.integratedLufs(), loudness.loudnessRangeLu(),
                peaks.truePeakDbtp(), peaks.samplePeakDbfs(),
                loudness.momentaryMaxLufs(), loudness.shortTermMaxLufs(), tp, sp);
    }
}
