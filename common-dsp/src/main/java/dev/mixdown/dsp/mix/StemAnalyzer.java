package dev.mixdown.dsp.mix;

import dev.mixdown.dsp.meter.LoudnessMeter;
import dev.mixdown.dsp.spectrum.ThirdOctaveSpectrum;
import java.util.Arrays;

/**
 * Measures one stem where it plays: its active loudness (momentary blocks above −60 LUFS and
 * within 20 LU of its own loud passages, so silence and low-level bleed do not count), its
 * active RMS, peak, spectrum and the features role inference reads.
 */
public final class StemAnalyzer {
    static final double ABSOLUTE_GATE_LUFS = -60;
    static final double RELATIVE_GATE_LU = -20;
    private static final double ENVELOPE_MS = 10;
    private static final double ONSET_RISE_DB = 9;

    private final int sampleRate;
    private final int channels;
    private final LoudnessMeter loudness = new LoudnessMeter();
    private final ThirdOctaveSpectrum spectrum;
    private final TonalProfile tonal = new TonalProfile();
    private final int envelopeFrames;
    private double envelopeSum;
    private int envelopeFill;
    private double[] envelope = new double[1024];
    private int envelopes;
    private double peak;
    private long frames;

    public StemAnalyzer(int sampleRate, int channels) {
        this.sampleRate = sampleRate;
        this.channels = channels;
        loudness.prepare(sampleRate, channels);
        spectrum = new ThirdOctaveSpectrum(sampleRate, channels, ThirdOctaveSpectrum.FFT_SIZE);
        spectrum.setFrameListener(tonal);
        envelopeFrames = Math.max(1, (int) Math.round(sampleRate * ENVELOPE_MS / 1000));
    }

    public void accept(float[][] block, int offset, int count) {
        loudness.accept(block, offset, count);
        spectrum.accept(block, offset, count);
        for (int i = offset, end = offset + count; i < end; i++) {
            double e = 0;
            for (int ch = 0; ch < channels; ch++) {
                double v = block[ch][i];
                e += v * v;
                double a = Math.abs(v);
                if (a > peak) {
                    peak = a;
                }
            }
            envelopeSum += e / channels;
            if (++envelopeFill == envelopeFrames) {
                if (envelopes == envelope.length) {
                    envelope = Arrays.copyOf(envelope, envelopes * 2);
                }
                envelope[envelopes++] = envelopeSum / envelopeFrames;
                envelopeSum = 0;
                envelopeFill = 0;
            }
        }
        frames += count;
    }

    /** The momentary blocks that count as "playing". */
    private double[] activeMomentaryLufs() {
        return active(loudness.momentaryLufs());
    }

    /** The gate above which a momentary block of this series counts as "playing", LUFS. */
    public static double activeGateLufs(double[] momentaryLufs) {
        if (momentaryLufs.length == 0) {
            return Double.POSITIVE_INFINITY;
        }
        double[] sorted = momentaryLufs.clone();
        Arrays.sort(sorted);
        double loud = sorted[(int) Math.floor((sorted.length - 1) * 0.95)];
        return Math.max(ABSOLUTE_GATE_LUFS, loud + RELATIVE_GATE_LU);
    }

    /** Active loudness of a series of momentary values (every 100 ms), in LUFS; -Infinity when nothing plays. */
    public static double activeLufsOf(double[] momentaryLufs) {
        double[] a = active(momentaryLufs);
        if (a.length == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        double sum = 0;
        for (double v : a) {
            sum += Math.pow(10, v / 10);
        }
        return 10 * Math.log10(sum / a.length);
    }

    private static double[] active(double[] m) {
        double gate = activeGateLufs(m);
        return Arrays.stream(m).filter(v -> v > gate).toArray();
    }

    /** Energy mean of the active momentary blocks, in LUFS; -Infinity when the stem never plays. */
    public double activeLufs() {
        return activeLufsOf(loudness.momentaryLufs());
    }

    /** Share of the 400 ms blocks in which the stem plays. */
    public double activeFraction() {
        double[] m = loudness.momentaryLufs();
        return m.length == 0 ? 0 : (double) activeMomentaryLufs().length / m.length;
    }

    /** Unweighted RMS over the envelope windows that are within 20 dB of the loudest, in dBFS. */
    public double activeRmsDb() {
        if (envelopes == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        double max = 0;
        for (int i = 0; i < envelopes; i++) {
            max = Math.max(max, envelope[i]);
        }
        double gate = Math.max(max * 0.01, 1e-9);
        double sum = 0;
        int n = 0;
        for (int i = 0; i < envelopes; i++) {
            if (envelope[i] > gate) {
                sum += envelope[i];
                n++;
            }
        }
        return n == 0 ? Double.NEGATIVE_INFINITY : 10 * Math.log10(sum / n);
    }

    public double peakDb() {
        return 20 * Math.log10(peak);
    }

    public double[] spectrumDb() {
        return spectrum.bandLevelsDb();
    }

    /** Momentary loudness every 100 ms (400 ms windows), LUFS, from the start. */
    public double[] momentaryLufs() {
        return loudness.momentaryLufs();
    }

    /** Pitch and tonality over the stem's active frames. */
    public TonalProfile.Summary tonal() {
        return tonal.summary();
    }

    public int sampleRate() {
        return sampleRate;
    }

    public long frames() {
        return frames;
    }

    public StemFeatures features() {
        double[] bands = spectrum.bandLevelsDb();
        double total = 0;
        double low = 0;
        double weighted = 0;
        for (int b = 0; b < bands.length; b++) {
            if (Double.isNaN(bands[b])) {
                continue;
            }
            double p = Math.pow(10, bands[b] / 10);
            double hz = ThirdOctaveSpectrum.CENTERS_HZ[b];
            total += p;
            weighted += p * hz;
            if (hz < 150) {
                low += p;
            }
        }
        double rms = activeRmsDb();
        double crest = Double.isInfinite(rms) ? 0 : peakDb() - rms;
        // onsets: the 10 ms envelope rising by ONSET_RISE_DB within 30 ms, above the activity gate
        double max = 0;
        for (int i = 0; i < envelopes; i++) {
            max = Math.max(max, envelope[i]);
        }
        double gate = max * 0.001;
        double rise = Math.pow(10, ONSET_RISE_DB / 10);
        int onsets = 0;
        int activeWindows = 0;
        int lastOnset = -100;
        for (int i = 3; i < envelopes; i++) {
            if (envelope[i] > gate) {
                activeWindows++;
                double before = Math.min(envelope[i - 3], Math.min(envelope[i - 2], envelope[i - 1]));
                if (envelope[i] > before * rise && i - lastOnset > 5) {
                    onsets++;
                    lastOnset = i;
                }
            }
        }
        double activeSeconds = activeWindows * ENVELOPE_MS / 1000;
        return new StemFeatures(total > 0 ? low / total : 0, total > 0 ? weighted / total : 0, crest,
                activeSeconds > 0 ? onsets / activeSeconds : 0);
    }
}
