package dev.mixdown.dsp.meter;

import dev.mixdown.dsp.util.DoubleSeries;
import dev.mixdown.dsp.filter.BiquadCoefficients;
import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * Loudness per ITU-R BS.1770-4 with the EBU Tech 3341 momentary (400 ms) and short-term (3 s)
 * windows and the Tech 3342 loudness range.
 *
 * <p>Audio is K-weighted per channel, squared, weighted by channel and summed into 100 ms
 * sub-blocks. Every completed sub-block closes one 400 ms gating block (75 % overlap) and, after
 * 3 s, one short-term window (hop 100 ms). Integrated loudness gates the 400 ms blocks at
 * −70 LUFS absolute and −10 LU relative; loudness range gates the short-term values at −70 LUFS
 * and −20 LU and spans their 10th to 95th percentile. Results depend only on the samples, not on
 * the block sizes they arrive in.
 *
 * <p>Life cycle: {@link #prepare}, then {@link #accept} any number of blocks, read results at any
 * time, {@link #reset} to measure another stream of the same shape.
 */
public final class LoudnessMeter {
    /** LUFS of a block of mean square energy 1: BS.1770's −0.691 dB offset. */
    static final double OFFSET_DB = -0.691;
    private static final double ABSOLUTE_GATE_LUFS = -70.0;
    private static final double INTEGRATED_RELATIVE_GATE_LU = -10.0;
    private static final double RANGE_RELATIVE_GATE_LU = -20.0;
    private static final double RANGE_LOW_PERCENTILE = 0.10;
    private static final double RANGE_HIGH_PERCENTILE = 0.95;
    private static final int MOMENTARY_SUBBLOCKS = 4;
    private static final int SHORT_TERM_SUBBLOCKS = 30;
    private static final double DENORMAL_FLOOR = 1e-30;

    private int sampleRate;
    private int channels;
    private double[] weights;
    private int subBlockFrames;
    private double s1b0, s1b1, s1b2, s1a1, s1a2;
    private double s2b0, s2b1, s2b2, s2a1, s2a2;
    /** Filter state per channel: shelf z1, z2, high-pass z1, z2. */
    private double[][] state;

    private final double[] recent = new double[SHORT_TERM_SUBBLOCKS];
    private long subBlocksDone;
    private int subBlockFill;
    private double subBlockEnergy;
    private final DoubleSeries momentary = new DoubleSeries();
    private final DoubleSeries shortTerm = new DoubleSeries();
    private double momentaryMax;
    private double shortTermMax;

    /** Prepares for {@code channels} channels in the usual WAV order, with BS.1770 weights. */
    public void prepare(int sampleRate, int channels) {
        prepare(sampleRate, ChannelWeights.forChannelCount(channels));
    }

    /** Prepares with explicit channel weights (0 excludes a channel, e.g. LFE). */
    public void prepare(int sampleRate, double[] channelWeights) {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive: " + sampleRate);
        }
        this.sampleRate = sampleRate;
        this.channels = channelWeights.length;
        this.weights = channelWeights.clone();
        this.subBlockFrames = (sampleRate + 5) / 10;
        BiquadCoefficients shelf = KWeighting.shelf(sampleRate);
        BiquadCoefficients hp = KWeighting.highPass(sampleRate);
        s1b0 = shelf.b0();
        s1b1 = shelf.b1();
        s1b2 = shelf.b2();
        s1a1 = shelf.a1();
        s1a2 = shelf.a2();
        s2b0 = hp.b0();
        s2b1 = hp.b1();
        s2b2 = hp.b2();
        s2a1 = hp.a1();
        s2a2 = hp.a2();
        this.state = new double[channels][4];
        reset();
    }

    /** Forgets everything measured; keeps rate, channels and weights. */
    public void reset() {
        for (double[] s : state) {
            Arrays.fill(s, 0.0);
        }
        Arrays.fill(recent, 0.0);
        subBlocksDone = 0;
        subBlockFill = 0;
        subBlockEnergy = 0.0;
        momentary.clear();
        shortTerm.clear();
        momentaryMax = 0.0;
        shortTermMax = 0.0;
    }

    /** Measures {@code frames} frames of {@code planar[channel][offset ...]}. */
    public void accept(float[][] planar, int offset, int frames) {
        int done = 0;
        while (done < frames) {
            int n = Math.min(frames - done, subBlockFrames - subBlockFill);
            double energy = 0.0;
            for (int ch = 0; ch < channels; ch++) {
                if (weights[ch] != 0.0) {
                    energy += weights[ch] * filterAndSquare(planar[ch], offset + done, n, state[ch]);
                }
            }
            subBlockEnergy += energy;
            subBlockFill += n;
            done += n;
            if (subBlockFill == subBlockFrames) {
                closeSubBlock();
            }
        }
    }

    private double filterAndSquare(float[] x, int from, int n, double[] z) {
        double z1 = z[0], z2 = z[1], z3 = z[2], z4 = z[3];
        double sum = 0.0;
        for (int i = from, end = from + n; i < end; i++) {
            double in = x[i];
            double y1 = s1b0 * in + z1;
            z1 = s1b1 * in - s1a1 * y1 + z2;
            z2 = s1b2 * in - s1a2 * y1;
            double y2 = s2b0 * y1 + z3;
            z3 = s2b1 * y1 - s2a1 * y2 + z4;
            z4 = s2b2 * y1 - s2a2 * y2;
            sum += y2 * y2;
        }
        z[0] = Math.abs(z1) < DENORMAL_FLOOR ? 0.0 : z1;
        z[1] = Math.abs(z2) < DENORMAL_FLOOR ? 0.0 : z2;
        z[2] = Math.abs(z3) < DENORMAL_FLOOR ? 0.0 : z3;
        z[3] = Math.abs(z4) < DENORMAL_FLOOR ? 0.0 : z4;
        return sum;
    }

    private void closeSubBlock() {
        recent[(int) (subBlocksDone % SHORT_TERM_SUBBLOCKS)] = subBlockEnergy;
        subBlocksDone++;
        subBlockEnergy = 0.0;
        subBlockFill = 0;
        if (subBlocksDone >= MOMENTARY_SUBBLOCKS) {
            double m = meanOfRecent(MOMENTARY_SUBBLOCKS);
            momentary.add(m);
            momentaryMax = Math.max(momentaryMax, m);
        }
        if (subBlocksDone >= SHORT_TERM_SUBBLOCKS) {
            double s = meanOfRecent(SHORT_TERM_SUBBLOCKS);
            shortTerm.add(s);
            shortTermMax = Math.max(shortTermMax, s);
        }
    }

    private double meanOfRecent(int count) {
        double sum = 0.0;
        for (int k = 1; k <= count; k++) {
            sum += recent[(int) ((subBlocksDone - k) % SHORT_TERM_SUBBLOCKS)];
        }
        return sum / ((double) count * subBlockFrames);
    }

    /** Gated integrated loudness in LUFS; empty when no 400 ms block is above −70 LUFS. */
    public OptionalDouble integratedLufs() {
        double absGate = energyOf(ABSOLUTE_GATE_LUFS);
        double mean = gatedMeanEnergy(momentary, absGate);
        if (Double.isNaN(mean)) {
            return OptionalDouble.empty();
        }
        double relGate = energyOf(lufsOf(mean) + INTEGRATED_RELATIVE_GATE_LU);
        double gated = gatedMeanEnergy(momentary, Math.max(absGate, relGate));
        return Double.isNaN(gated) ? OptionalDouble.empty() : OptionalDouble.of(lufsOf(gated));
    }

    /** Loudness range (EBU Tech 3342) in LU; empty when no 3 s window is above −70 LUFS. */
    public OptionalDouble loudnessRangeLu() {
        double absGate = energyOf(ABSOLUTE_GATE_LUFS);
        double mean = gatedMeanEnergy(shortTerm, absGate);
        if (Double.isNaN(mean)) {
            return OptionalDouble.empty();
        }
        double gate = Math.max(absGate, energyOf(lufsOf(mean) + RANGE_RELATIVE_GATE_LU));
        double[] kept = new double[shortTerm.size()];
        int n = 0;
        for (int i = 0; i < shortTerm.size(); i++) {
            double e = shortTerm.get(i);
            if (e > gate) {
                kept[n++] = e;
            }
        }
        if (n == 0) {
            return OptionalDouble.empty();
        }
        Arrays.sort(kept, 0, n);
        double low = kept[(int) Math.round((n - 1) * RANGE_LOW_PERCENTILE)];
        double high = kept[(int) Math.round((n - 1) * RANGE_HIGH_PERCENTILE)];
        return OptionalDouble.of(lufsOf(high) - lufsOf(low));
    }

    /** Highest momentary (400 ms) loudness; empty before the first 400 ms or for digital silence. */
    public OptionalDouble momentaryMaxLufs() {
        return momentaryMax > 0.0 ? OptionalDouble.of(lufsOf(momentaryMax)) : OptionalDouble.empty();
    }

    /** Highest short-term (3 s) loudness; empty before the first 3 s or for digital silence. */
    public OptionalDouble shortTermMaxLufs() {
        return shortTermMax > 0.0 ? OptionalDouble.of(lufsOf(shortTermMax)) : OptionalDouble.empty();
    }

    /** Momentary loudness every 100 ms (the i-th value covers the 400 ms ending at (i+4)·100 ms). */
    public double[] momentaryLufs() {
        return series(momentary);
    }

    /** Short-term loudness every 100 ms (the i-th value covers the 3 s ending at (i+30)·100 ms). */
    public double[] shortTermLufs() {
        return series(shortTerm);
    }

    public int sampleRate() {
        return sampleRate;
    }

    public int channels() {
        return channels;
    }

    private static double[] series(DoubleSeries s) {
        double[] out = new double[s.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = lufsOf(s.get(i));
        }
        return out;
    }

    private static double gatedMeanEnergy(DoubleSeries s, double gate) {
        double sum = 0.0;
        int n = 0;
        for (int i = 0; i < s.size(); i++) {
            double e = s.get(i);
            if (e > gate) {
                sum += e;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** LUFS of a mean weighted square energy. */
    static double lufsOf(double energy) {
        return OFFSET_DB + 10.0 * Math.log10(energy);
    }

    /** Mean weighted square energy of a loudness. */
    static double energyOf(double lufs) {
        return Math.pow(10.0, (lufs - OFFSET_DB) / 10.0);
    }
}
