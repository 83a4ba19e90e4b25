package dev.mixdown.dsp.edit;

import dev.mixdown.dsp.analysis.music.BeatGrid;
import java.util.SplittableRandom;

/**
 * A synthesised song whose bar grid is known exactly: 112 BPM in 4/4 after a half-beat pickup,
 * 4 bars of intro, sections A B A B of 8 bars each (B brighter and louder, every bar its own
 * chord), 2 bars of outro, then one chord struck on the last downbeat that rings out in about
 * 1.2 s, followed by 2 s of digital silence. Three stems: drums (kick on every beat, seeded
 * noise hats on eighths), pads (sustained chords that change on each downbeat with a 15 ms
 * crossfade) and a bass note per bar.
 */
final class EditTestSong {
    static final double BPM = 112;
    static final int BEATS_PER_BAR = 4;
    static final int BARS = 4 + 32 + 2;
    static final double FIRST_DOWNBEAT_SECONDS = 0.5 * 60 / BPM;
    static final double RING_SECONDS = 1.2;
    private static final int[][] SECTION_A = {{57, 60, 64}, {53, 57, 60}, {48, 52, 55}, {55, 59, 62},
        {57, 60, 64}, {50, 53, 57}, {52, 56, 59}, {57, 60, 64}};
    private static final int[][] SECTION_B = {{50, 53, 57}, {55, 59, 62}, {48, 52, 55}, {53, 57, 60},
        {50, 53, 57}, {55, 59, 62}, {52, 56, 59}, {52, 56, 59}};

    final int sampleRate;
    final int frames;
    final float[][][] stems;
    final float[][] mix;
    final BeatGrid grid;
    final long[] downbeatFrames;

    EditTestSong(int sampleRate, long seed) {
        this.sampleRate = sampleRate;
        double bar = BEATS_PER_BAR * 60 / BPM;
        double lastDownbeat = FIRST_DOWNBEAT_SECONDS + BARS * bar;
        this.frames = (int) Math.round((lastDownbeat + RING_SECONDS + 2.0) * sampleRate);
        double[] downbeats = new double[BARS + 1];
        double[] beats = new double[BARS * BEATS_PER_BAR + 1];
        downbeatFrames = new long[BARS + 1];
        for (int b = 0; b <= BARS; b++) {
            downbeats[b] = FIRST_DOWNBEAT_SECONDS + b * bar;
            downbeatFrames[b] = Math.round(downbeats[b] * sampleRate);
        }
        for (int i = 0; i < beats.length; i++) {
            beats[i] = FIRST_DOWNBEAT_SECONDS + i * 60 / BPM;
        }
        grid = new BeatGrid(BPM, 1, BEATS_PER_BAR, BEATS_PER_BAR + "/4", beats, downbeats);
        stems = new float[3][2][frames];
        SplittableRandom random = new SplittableRandom(seed);
        double beat = 60 / BPM;
        for (int i = 0; i < BARS * BEATS_PER_BAR; i++) {
            double t0 = FIRST_DOWNBEAT_SECONDS + i * beat;
            kick(stems[0], t0, beat);
            hat(stems[0], t0, random, 0.03);
            hat(stems[0], t0 + beat / 2, random, 0.02);
        }
        hat(stems[0], 0, random, 0.02);
        for (int b = 0; b < BARS; b++) {
            int[] chord = chordOf(b);
            boolean bright = b >= 4 && b < 36 && ((b - 4) / 8) % 2 == 1;
            pad(stems[1], downbeats[b], bar, chord, bright ? 0.07 : 0.05, bright);
            bassNote(stems[2], downbeats[b], bar, chord[0] - 12);
        }
        ring(stems[1], downbeats[BARS], new int[] {57, 60, 64, 69});
        mix = new float[2][frames];
        for (float[][] stem : stems) {
            for (int ch = 0; ch < 2; ch++) {
                for (int n = 0; n < frames; n++) {
                    mix[ch][n] += stem[ch][n];
                }
            }
        }
    }

    static int[] chordOf(int bar) {
        if (bar < 4) {
            return SECTION_A[0];
        }
        if (bar >= 36) {
            return bar == 36 ? SECTION_B[6] : SECTION_A[0];
        }
        int section = (bar - 4) / 8;
        return (section % 2 == 0 ? SECTION_A : SECTION_B)[(bar - 4) % 8];
    }

    private static double hz(int midi) {
        return 440 * Math.pow(2, (midi - 69) / 12.0);
    }

    private void kick(float[][] out, double t0, double length) {
        int start = (int) Math.round(t0 * sampleRate);
        int n = (int) (length * sampleRate);
        for (int i = 0; i < n && start + i < frames; i++) {
            double t = (double) i / sampleRate;
            double fade = i > n - 64 ? (n - i) / 64.0 : 1;
            double v = 0.3 * Math.sin(2 * Math.PI * (50 * t + 40 * (1 - Math.exp(-t / 0.03)) * 0.03)) * Math.exp(-t / 0.12) * fade;
            out[0][start + i] += (float) v;
            out[1][start + i] += (float) v;
        }
    }

    private void hat(float[][] out, double t0, SplittableRandom random, double amp) {
        int start = (int) Math.round(t0 * sampleRate);
        int n = (int) (0.05 * sampleRate);
        double prev = 0;
        for (int i = 0; i < n && start + i < frames; i++) {
            double noise = random.nextDouble(-1, 1);
            double hp = noise - prev;
            prev = noise;
            double attack = Math.min(1, i / (0.001 * sampleRate));
            double v = amp * 0.5 * hp * attack * Math.exp(-(double) i / (0.012 * sampleRate));
            out[0][start + i] += (float) v;
            out[1][start + i] += (float) (0.8 * v);
        }
    }

    private void pad(float[][] out, double t0, double length, int[] chord, double amp, boolean bright) {
        int start = (int) Math.round(t0 * sampleRate);
        int n = (int) Math.round(length * sampleRate);
        int edge = (int) (0.015 * sampleRate);
        for (int i = -edge; i < n + edge && start + i < frames; i++) {
            if (start + i < 0) {
                continue;
            }
            double g = i < 0 ? 0.5 - 0.5 * Math.cos(Math.PI * (double) (i + edge) / edge)
                    : i >= n ? 0.5 + 0.5 * Math.cos(Math.PI * (double) (i - n) / edge) : 1;
            double t = (double) (start + i) / sampleRate;
            double v = 0;
            for (int note : chord) {
                double f = hz(note);
                v += Math.sin(2 * Math.PI * f * t);
                if (bright) {
                    v += 0.5 * Math.sin(2 * Math.PI * 2 * f * t) + 0.3 * Math.sin(2 * Math.PI * 3 * f * t);
                }
            }
            out[0][start + i] += (float) (amp * g * v);
            out[1][start + i] += (float) (amp * g * v * 0.9);
        }
    }

    private void bassNote(float[][] out, double t0, double length, int midi) {
        int start = (int) Math.round(t0 * sampleRate);
        int n = (int) Math.round(length * sampleRate);
        int edge = (int) (0.01 * sampleRate);
        double f = hz(midi);
        for (int i = 0; i < n && start + i < frames; i++) {
            double g = Math.min(1, Math.min((double) i / edge, (double) (n - i) / edge));
            double v = 0.12 * g * Math.sin(2 * Math.PI * f * i / sampleRate);
            out[0][start + i] += (float) v;
            out[1][start + i] += (float) v;
        }
    }

    private void ring(float[][] out, double t0, int[] chord) {
        int start = (int) Math.round(t0 * sampleRate);
        int n = (int) Math.round(RING_SECONDS * sampleRate);
        double tau = RING_SECONDS / 8;
        int edge = (int) (0.005 * sampleRate);
        for (int i = 0; i < n && start + i < frames; i++) {
            double t = (double) i / sampleRate;
            double attack = Math.min(1, (double) i / edge);
            double tail = Math.min(1, (double) (n - i) / edge);
            double v = 0;
            for (int note : chord) {
                v += Math.sin(2 * Math.PI * hz(note) * t);
            }
            v *= 0.075 * attack * tail * Math.exp(-t / tau);
            out[0][start + i] += (float) v;
            out[1][start + i] += (float) v;
        }
    }

    /** The largest step between neighbouring samples of {@code x} in [from, to), over both channels. */
    static double largestStep(float[][] x, long from, long to) {
        double step = 0;
        for (float[] ch : x) {
            for (long n = Math.max(1, from); n < Math.min(ch.length, to); n++) {
                step = Math.max(step, Math.abs(ch[(int) n] - ch[(int) n - 1]));
            }
        }
        return step;
    }
}
