package dev.mixdown.bench;

import dev.mixdown.dsp.meter.LoudnessMeter;
import dev.mixdown.dsp.meter.TruePeakMeter;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The meter on three minutes of stereo 44.1 kHz music-like signal (a seeded mix of tones, noise
 * bursts and a decaying envelope), fed in 4096-frame blocks as the analyzer does.
 *
 * <p>{@code sumOfSquares} is the peer measured in the same run: the least any meter must do
 * (touch every sample once). The ratio {@code fullAnalysis / sumOfSquares} is what to track.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MeterBenchmark {
    static final int RATE = 44_100;
    static final int SECONDS = 180;
    static final int BLOCK = 4096;

    float[][] audio;

    @Setup
    public void generate() {
        int frames = RATE * SECONDS;
        audio = new float[2][frames];
        SplittableRandom random = new SplittableRandom(1770);
        double beat = RATE * 0.5;
        for (int i = 0; i < frames; i++) {
            double t = (double) i / RATE;
            double env = Math.exp(-((i % beat) / beat) * 6.0);
            double bass = 0.3 * Math.sin(2 * Math.PI * 55 * t) * (0.5 + 0.5 * env);
            double chord = 0.08 * (Math.sin(2 * Math.PI * 220 * t) + Math.sin(2 * Math.PI * 277.2 * t)
                    + Math.sin(2 * Math.PI * 329.6 * t));
            double hat = 0.15 * env * env * (random.nextDouble() * 2 - 1);
            audio[0][i] = (float) (bass + chord + hat);
            audio[1][i] = (float) (bass + 0.9 * chord - hat * 0.7);
        }
    }

    @Benchmark
    public double fullAnalysis() {
        LoudnessMeter loudness = new LoudnessMeter();
        loudness.prepare(RATE, 2);
        TruePeakMeter peaks = new TruePeakMeter();
        peaks.prepare(RATE, 2);
        for (int off = 0; off < audio[0].length; off += BLOCK) {
            int n = Math.min(BLOCK, audio[0].length - off);
            loudness.accept(audio, off, n);
            peaks.accept(audio, off, n);
        }
        peaks.finish();
        return loudness.integratedLufs().orElse(0) + loudness.loudnessRangeLu().orElse(0)
                + peaks.truePeakDbtp().orElse(0);
    }

    @Benchmark
    public double loudnessOnly() {
        LoudnessMeter loudness = new LoudnessMeter();
        loudness.prepare(RATE, 2);
        for (int off = 0; off < audio[0].length; off += BLOCK) {
            loudness.accept(audio, off, Math.min(BLOCK, audio[0].length - off));
        }
        return loudness.integratedLufs().orElse(0) + loudness.loudnessRangeLu().orElse(0);
    }

    @Benchmark
    public double truePeakOnly() {
        TruePeakMeter peaks = new TruePeakMeter();
        peaks.prepare(RATE, 2);
        for (int off = 0; off < audio[0].length; off += BLOCK) {
            peaks.accept(audio, off, Math.min(BLOCK, audio[0].length - off));
        }
        peaks.finish();
        return peaks.truePeakDbtp().orElse(0);
    }

    @Benchmark
    public double sumOfSquares() {
        double sum = 0.0;
        for (float[] channel : audio) {
            for (float s : channel) {
                sum += (double) s * s;
            }
        }
        return sum;
    }
}
