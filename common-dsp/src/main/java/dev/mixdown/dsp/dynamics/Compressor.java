package dev.mixdown.dsp.dynamics;

import dev.mixdown.dsp.filter.BiquadCoefficients;
import dev.mixdown.dsp.filter.BiquadShape;
import dev.mixdown.dsp.processor.AudioProcessor;
import dev.mixdown.dsp.processor.ProcessSpec;

/**
 * Feed-forward compressor with a soft knee, stereo-linked (the loudest channel drives one gain).
 * The gain computer works in dB (a quadratic knee of {@code kneeDb} around the threshold); the
 * gain reduction is smoothed with separate attack and release time constants. Detection is peak
 * or RMS, optionally through a sidechain high-pass so that bass does not pump the rest.
 */
public final class Compressor implements AudioProcessor {
    private final double thresholdDb;
    private final double ratio;
    private final double kneeDb;
    private final double attackMs;
    private final double releaseMs;
    private final double makeupDb;
    private final Detection detection;
    private final double sidechainHighPassHz;
    private final GainReductionStats stats = new GainReductionStats();

    private double attackCoef;
    private double releaseCoef;
    private double rmsCoef;
    private BiquadCoefficients sidechain;
    private double[] scZ1;
    private double[] scZ2;
    /** Below these levels (where the knee starts) the curve asks for no reduction: no logarithm needed. */
    private double kneeStartAmplitude;
    private double kneeStartPower;
    private double envelope;
    private double reductionDb;
    private int channels;

    public Compressor(double thresholdDb, double ratio, double kneeDb, double attackMs, double releaseMs,
            double makeupDb, Detection detection, double sidechainHighPassHz) {
        if (ratio < 1) {
            throw new IllegalArgumentException("ratio must be at least 1: " + ratio);
        }
        this.thresholdDb = thresholdDb;
        this.ratio = ratio;
        this.kneeDb = Math.max(0, kneeDb);
        this.attackMs = attackMs;
        this.releaseMs = releaseMs;
        this.makeupDb = makeupDb;
        this.detection = detection;
        this.sidechainHighPassHz = sidechainHighPassHz;
    }

    @Override
    public void prepare(ProcessSpec spec) {
        channels = spec.channels();
        attackCoef = timeCoefficient(attackMs, spec.sampleRate());
        releaseCoef = timeCoefficient(releaseMs, spec.sampleRate());
        rmsCoef = timeCoefficient(Math.max(releaseMs, 10), spec.sampleRate());
        sidechain = sidechainHighPassHz > 0
                ? BiquadShape.HIGH_PASS.design(spec.sampleRate(), sidechainHighPassHz, Math.sqrt(0.5), 0) : null;
        scZ1 = new double[channels];
        scZ2 = new double[channels];
        kneeStartAmplitude = Math.pow(10, (thresholdDb - kneeDb / 2) / 20);
        kneeStartPower = kneeStartAmplitude * kneeStartAmplitude;
        reset();
    }

    private static double timeCoefficient(double ms, int sampleRate) {
        return ms <= 0 ? 0 : Math.exp(-1.0 / (ms * 0.001 * sampleRate));
    }

    /** Static curve: gain reduction in dB (≥ 0) for an input level in dB. */
    public double reductionDbFor(double levelDb) {
        double over = levelDb - thresholdDb;
        double slope = 1 - 1 / ratio;
        if (kneeDb > 0 && Math.abs(over) <= kneeDb / 2) {
            double x = over + kneeDb / 2;
            return slope * x * x / (2 * kneeDb);
        }
        return over > 0 ? slope * over : 0;
    }

    @Override
    public void process(float[][] block, int offset, int frames) {
        double makeup = Math.pow(10, makeupDb / 20);
        for (int i = offset, end = offset + frames; i < end; i++) {
            double level = 0;
            for (int ch = 0; ch < channels; ch++) {
                double x = block[ch][i];
                if (sidechain != null) {
                    double y = sidechain.b0() * x + scZ1[ch];
                    scZ1[ch] = sidechain.b1() * x - sidechain.a1() * y + scZ2[ch];
                    scZ2[ch] = sidechain.b2() * x - sidechain.a2() * y;
                    x = y;
                }
                level = Math.max(level, detection == Detection.RMS ? x * x : Math.abs(x));
            }
            double target;
            if (detection == Detection.RMS) {
                envelope = rmsCoef * envelope + (1 - rmsCoef) * level;
                target = envelope <= kneeStartPower ? 0 : reductionDbFor(10 * Math.log10(envelope));
            } else {
                target = level <= kneeStartAmplitude ? 0 : reductionDbFor(20 * Math.log10(level));
            }
            double coef = target > reductionDb ? attackCoef : releaseCoef;
            reductionDb = coef * reductionDb + (1 - coef) * target;
            if (reductionDb < 1e-9) {
                reductionDb = 0;
            }
            stats.add(reductionDb);
            float gain = reductionDb == 0 ? (float) makeup : (float) (Math.pow(10, -reductionDb / 20) * makeup);
            for (int ch = 0; ch < channels; ch++) {
                block[ch][i] *= gain;
            }
        }
    }

    @Override
    public void reset() {
        envelope = 0;
        reductionDb = 0;
        java.util.Arrays.fill(scZ1, 0);
        java.util.Arrays.fill(scZ2, 0);
        stats.reset();
    }

    public GainReductionStats stats() {
        return stats;
    }

    public double thresholdDb() {
        return thresholdDb;
    }

    public double ratio() {
        return ratio;
    }

    public double attackMs() {
        return attackMs;
    }

    public double releaseMs() {
        return releaseMs;
    }
}
