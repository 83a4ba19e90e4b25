package dev.mixdown.dsp.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Builds the test signals of EBU Tech 3341/3342 and friends as planar float arrays. */
public final class Signals {
    private final int sampleRate;
    private final int channels;
    private final List<float[][]> parts = new ArrayList<>();
    private double phase;

    private Signals(int sampleRate, int channels) {
        this.sampleRate = sampleRate;
        this.channels = channels;
    }

    public static Signals at(int sampleRate, int channels) {
        return new Signals(sampleRate, channels);
    }

    /** A sine of {@code hz} with peak level {@code dbfs} in every channel, phase continuing from the last part. */
    public Signals sine(double hz, double dbfs, double seconds) {
        double[] levels = new double[channels];
        java.util.Arrays.fill(levels, dbfs);
        return sine(hz, levels, seconds);
    }

    /** A sine of {@code hz} whose peak level in channel c is {@code dbfs[c]} (-Infinity for silence). */
    public Signals sine(double hz, double[] dbfs, double seconds) {
        int frames = (int) Math.round(seconds * sampleRate);
        float[][] part = new float[channels][frames];
        double step = 2 * Math.PI * hz / sampleRate;
        for (int i = 0; i < frames; i++) {
            double s = Math.sin(phase + step * i);
            for (int ch = 0; ch < channels; ch++) {
                part[ch][i] = (float) (Math.pow(10, dbfs[ch] / 20) * s);
            }
        }
        phase = (phase + step * frames) % (2 * Math.PI);
        parts.add(part);
        return this;
    }

    /**
     * A steady sine of {@code hz} at linear peak {@code amplitude}, sampled from {@code phaseDegrees},
     * faded in and out over 20 ms so that the meter sees the steady state rather than the ringing
     * of an abrupt onset.
     */
    public Signals sineAtPhase(double hz, double amplitude, double phaseDegrees, double seconds) {
        int frames = (int) Math.round(seconds * sampleRate);
        int fade = sampleRate / 50;
        float[][] part = new float[channels][frames];
        double start = Math.toRadians(phaseDegrees);
        for (int i = 0; i < frames; i++) {
            int edge = Math.min(i, frames - 1 - i);
            double gain = edge >= fade ? 1.0 : 0.5 - 0.5 * Math.cos(Math.PI * edge / fade);
            float v = (float) (gain * amplitude * Math.sin(start + 2 * Math.PI * hz * i / sampleRate));
            for (int ch = 0; ch < channels; ch++) {
                part[ch][i] = v;
            }
        }
        parts.add(part);
        return this;
    }

    public Signals silence(double seconds) {
        parts.add(new float[channels][(int) Math.round(seconds * sampleRate)]);
        return this;
    }

    /** Seeded, band-limited "music": tones, a bass line and noise bursts with a rhythmic envelope. */
    public Signals music(long seed, double seconds, double gain) {
        int frames = (int) Math.round(seconds * sampleRate);
        float[][] part = new float[channels][frames];
        SplittableRandom random = new SplittableRandom(seed);
        double beat = sampleRate * 0.45;
        double lowpass = 0;
        for (int i = 0; i < frames; i++) {
            double t = (double) i / sampleRate;
            double env = Math.exp(-((i % beat) / beat) * 5.0);
            double bar = Math.floor(t / 1.8);
            double root = 55 * Math.pow(2, ((bar * 5) % 12) / 12.0);
            double bass = 0.35 * Math.sin(2 * Math.PI * root * t) * (0.4 + 0.6 * env);
            double chord = 0.07 * (Math.sin(2 * Math.PI * root * 4 * t) + Math.sin(2 * Math.PI * root * 5 * t)
                    + Math.sin(2 * Math.PI * root * 6 * t));
            lowpass += 0.3 * ((random.nextDouble() * 2 - 1) - lowpass);
            double noise = 0.25 * env * env * lowpass;
            double swell = 0.6 + 0.4 * Math.sin(2 * Math.PI * t / 17.0);
            for (int ch = 0; ch < channels; ch++) {
                double pan = ch % 2 == 0 ? 1.0 : 0.8;
                part[ch][i] = (float) (gain * swell * (bass + pan * chord + (ch % 2 == 0 ? noise : -0.7 * noise)));
            }
        }
        parts.add(part);
        return this;
    }

    public float[][] build() {
        int total = parts.stream().mapToInt(p -> p[0].length).sum();
        float[][] out = new float[channels][total];
        int at = 0;
        for (float[][] p : parts) {
            for (int ch = 0; ch < channels; ch++) {
                System.arraycopy(p[ch], 0, out[ch], at, p[ch].length);
            }
            at += p[0].length;
        }
        return out;
    }
}
