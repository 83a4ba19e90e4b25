package dev.mixdown.dsp.analysis;

import dev.mixdown.dsp.meter.LoudnessMeter;
import dev.mixdown.dsp.meter.TruePeakMeter;
import dev.mixdown.dsp.spectrum.ThirdOctaveSpectrum;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;

/**
 * One streaming pass that measures a program for a report: loudness, peaks, spectrum, stereo
 * image, and a waveform envelope for plots. Feed blocks with {@link #accept}, then {@link #finish}.
 */
public final class ProgramAnalyzer {
    private static final int MAX_BINS = 2000;

    private final int sampleRate;
    private final int channels;
    private final LoudnessMeter loudness = new LoudnessMeter();
    private final TruePeakMeter peaks = new TruePeakMeter();
    private final ThirdOctaveSpectrum spectrum;
    private double sumLL;
    private double sumRR;
    private double sumLR;
    private long frames;
    private int binFrames;
    private float[] binMax = new float[MAX_BINS * 2];
    private float[] binMin = new float[MAX_BINS * 2];
    private int bins;
    private int inBin;
    private boolean finished;

    /** {@code expectedFrames} sizes the waveform envelope; pass -1 when unknown. */
    public ProgramAnalyzer(int sampleRate, int channels, long expectedFrames) {
        this.sampleRate = sampleRate;
        this.channels = channels;
        loudness.prepare(sampleRate, channels);
        peaks.prepare(sampleRate, channels);
        spectrum = new ThirdOctaveSpectrum(sampleRate, channels);
        binFrames = expectedFrames > 0 ? (int) Math.max(1, (expectedFrames + MAX_BINS - 1) / MAX_BINS) : 1024;
    }

    public void accept(float[][] block, int offset, int count) {
        loudness.accept(block, offset, count);
        peaks.accept(block, offset, count);
        spectrum.accept(block, offset, count);
        for (int i = offset, end = offset + count; i < end; i++) {
            float hi = -Float.MAX_VALUE;
            float lo = Float.MAX_VALUE;
            for (int ch = 0; ch < channels; ch++) {
                float v = block[ch][i];
                hi = Math.max(hi, v);
                lo = Math.min(lo, v);
            }
            if (inBin == 0) {
                if (bins == binMax.length) {
                    mergeBins();
                }
                binMax[bins] = hi;
                binMin[bins] = lo;
                bins++;
            } else {
                binMax[bins - 1] = Math.max(binMax[bins - 1], hi);
                binMin[bins - 1] = Math.min(binMin[bins - 1], lo);
            }
            inBin = inBin + 1 == binFrames ? 0 : inBin + 1;
            if (channels >= 2) {
                double l = block[0][i];
                double r = block[1][i];
                sumLL += l * l;
                sumRR += r * r;
                sumLR += l * r;
            }
        }
        frames += count;
    }

    private void mergeBins() {
        int half = bins / 2;
        for (int b = 0; b < half; b++) {
            binMax[b] = Math.max(binMax[2 * b], binMax[2 * b + 1]);
            binMin[b] = Math.min(binMin[2 * b], binMin[2 * b + 1]);
        }
        bins = half;
        binFrames *= 2;
        inBin = 0;
    }

    /** Ends the stream (true peak needs to see its end). */
    public void finish() {
        if (!finished) {
            peaks.finish();
            finished = true;
        }
    }

    public ProgramMeasurements measurements() {
        finish();
        Double i = box(loudness.integratedLufs());
        Double tp = box(peaks.truePeakDbtp());
        Double corr = null;
        Double sideToMid = null;
        if (channels >= 2 && sumLL > 0 && sumRR > 0) {
            corr = round(sumLR / Math.sqrt(sumLL * sumRR), 4);
            double mid = (sumLL + sumRR + 2 * sumLR) / 4;
            double side = (sumLL + sumRR - 2 * sumLR) / 4;
            sideToMid = side > 0 && mid > 0 ? round(10 * Math.log10(side / mid), 2) : null;
        }
        double[] bands = spectrum.bandLevelsDb();
        List<ProgramMeasurements.Band> spec = new ArrayList<>();
        for (int b = 0; b < bands.length; b++) {
            spec.add(new ProgramMeasurements.Band(ThirdOctaveSpectrum.CENTERS_HZ[b],
                    Double.isNaN(bands[b]) ? null : round(bands[b], 2)));
        }
        return new ProgramMeasurements(round(i, 3), box(loudness.loudnessRangeLu()), round(tp, 3),
                box(peaks.samplePeakDbfs()), i != null && tp != null ? round(tp - i, 2) : null,
                box(loudness.momentaryMaxLufs()), box(loudness.shortTermMaxLufs()), corr, sideToMid, spec);
    }

    /** Integrated loudness without rounding, for control loops. */
    public OptionalDouble integratedLufs() {
        return loudness.integratedLufs();
    }

    /** True peak without rounding, for control loops. */
    public OptionalDouble truePeakDbtp() {
        finish();
        return peaks.truePeakDbtp();
    }

    /** Raw third-octave levels (NaN above Nyquist). */
    public double[] spectrumDb() {
        return spectrum.bandLevelsDb();
    }

    /** Short-term loudness every 100 ms, for plots. */
    public double[] shortTermLufs() {
        return loudness.shortTermLufs();
    }

    /** Waveform envelope: per bin the highest and lowest sample over all channels. */
    public float[] waveformMax() {
        return Arrays.copyOf(binMax, bins);
    }

    public float[] waveformMin() {
        return Arrays.copyOf(binMin, bins);
    }

    public double secondsPerBin() {
        return (double) binFrames / sampleRate;
    }

    public long frames() {
        return frames;
    }

    public int sampleRate() {
        return sampleRate;
    }

    private static Double box(OptionalDouble v) {
        return v.isPresent() ? round(v.getAsDouble(), 3) : null;
    }

    private static Double round(Double v, int decimals) {
        if (v == null) {
            return null;
        }
        double s = Math.pow(10, decimals);
        return Math.round(v * s) / s;
    }
}
