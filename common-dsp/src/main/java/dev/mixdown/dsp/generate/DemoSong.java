package dev.mixdown.dsp.generate;

import dev.mixdown.dsp.io.AudioFiles;
import dev.mixdown.dsp.io.AudioSink;
import dev.mixdown.dsp.io.OutputFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A short multitrack song made from arithmetic, so that a demo or a test needs no files: drums,
 * bass, chords and a lead line in A minor at 112 BPM, stereo. Any block of any stem can be
 * rendered on its own (noise is a hash of the frame index, not a running generator), so the song
 * streams at any block size and renders identically every time.
 */
public final class DemoSong {
    public static final List<String> STEMS = List.of("drums", "bass", "chords", "lead");

    private static final double BPM = 112.0;
    /** Keeps the plain sum of the stems below full scale. */
    private static final double GAIN = 0.5;
    /** Am, F, C, G: roots as MIDI notes, one chord per bar. */
    private static final int[] CHORD_ROOTS = {57, 53, 48, 55};
    private static final int[][] CHORD_INTERVALS = {{0, 3, 7}, {0, 4, 7}, {0, 4, 7}, {0, 4, 7}};
    /** Lead melody, MIDI notes per eighth note over two bars; 0 is a rest. */
    private static final int[] MELODY = {
        76, 0, 74, 72, 71, 72, 74, 0, 72, 0, 69, 0, 67, 69, 72, 0,
        76, 77, 76, 74, 72, 0, 71, 72, 74, 0, 71, 0, 67, 0, 0, 0};

    private final int sampleRate;
    private final long frames;

    public DemoSong(int sampleRate, double seconds) {
        this.sampleRate = sampleRate;
        this.frames = Math.round(seconds * sampleRate);
    }

    public int sampleRate() {
        return sampleRate;
    }

    public long frames() {
        return frames;
    }

    /** Renders {@code count} frames of stem {@code stem} (an index into {@link #STEMS}) from {@code start}. */
    public void renderStem(int stem, long start, float[][] out, int count) {
        for (int i = 0; i < count; i++) {
            long n = start + i;
            double t = (double) n / sampleRate;
            double left;
            double right;
            if (n >= frames) {
                left = 0;
                right = 0;
            } else {
                double fade = Math.min(1.0, Math.min(t / 0.05, (frames - n) / (0.5 * sampleRate)));
                double[] lr = sample(stem, n, t);
                left = lr[0] * fade;
                right = lr[1] * fade;
            }
            out[0][i] = (float) (left * GAIN);
            out[1][i] = (float) (right * GAIN);
        }
    }

    /** Writes stem {@code stem} to {@code file} as a 24-bit stereo WAV at the song's rate, streamed in blocks. */
    public void writeStem(int stem, Path file) throws IOException {
        try (AudioSink sink = AudioFiles.create(file, new OutputFormat(OutputFormat.Container.WAV, sampleRate, 2, OutputFormat.BitDepth.PCM_24))) {
            float[][] block = new float[2][4096];
            for (long at = 0; at < frames; at += 4096) {
                int n = (int) Math.min(4096, frames - at);
                renderStem(stem, at, block, n);
                sink.write(block, 0, n);
            }
        }
    }

    /** Renders the plain sum of all stems. */
    public void renderMix(long start, float[][] out, int count, float[][] scratch) {
        java.util.Arrays.fill(out[0], 0, count, 0f);
        java.util.Arrays.fill(out[1], 0, count, 0f);
        for (int s = 0; s < STEMS.size(); s++) {
            renderStem(s, start, scratch, count);
            for (int i = 0; i < count; i++) {
                out[0][i] += scratch[0][i];
                out[1][i] += scratch[1][i];
            }
        }
    }

    private double[] sample(int stem, long n, double t) {
        double beat = t * BPM / 60.0;
        int bar = (int) (beat / 4) % CHORD_ROOTS.length;
        double inBeat = beat - Math.floor(beat);
        switch (stem) {
            case 0:
                return drums(n, t, beat, inBeat);
            case 1: {
                double eighth = beat * 2 - Math.floor(beat * 2);
                double f = midiHz(CHORD_ROOTS[bar] - 24 + ((int) (beat * 2) % 8 == 6 ? 7 : 0));
                double env = Math.exp(-eighth * 2.5) * 0.8 + 0.2;
                double v = 0.32 * env * (Math.sin(2 * Math.PI * f * t) + 0.3 * Math.sin(4 * Math.PI * f * t)
                        + 0.12 * Math.sin(6 * Math.PI * f * t));
                return new double[] {v, v};
            }
            case 2: {
                double v = 0;
                double w = 0;
                for (int k = 0; k < 3; k++) {
                    double f = midiHz(CHORD_ROOTS[bar] + CHORD_INTERVALS[bar][k]);
                    double tone = Math.sin(2 * Math.PI * f * t) + 0.25 * Math.sin(2 * Math.PI * 2 * f * t + 0.5);
                    v += tone * (k == 0 ? 1.0 : 0.7);
                    w += tone * (k == 2 ? 1.0 : 0.7);
                }
                double swell = 0.6 + 0.4 * Math.sin(Math.PI * (beat / 4 - Math.floor(beat / 4)));
                return new double[] {0.06 * swell * v, 0.06 * swell * w};
            }
            default: {
                int step = (int) (beat * 2) % MELODY.length;
                int note = MELODY[step];
                if (note == 0) {
                    return new double[] {0, 0};
                }
                double eighth = beat * 2 - Math.floor(beat * 2);
                double env = Math.min(1.0, eighth * 40) * Math.exp(-eighth * 1.2);
                double f = midiHz(note) * (1 + 0.003 * Math.sin(2 * Math.PI * 5.5 * t));
                double v = 0.16 * env * (Math.sin(2 * Math.PI * f * t) + 0.4 * Math.sin(4 * Math.PI * f * t)
                        + 0.2 * Math.sin(6 * Math.PI * f * t));
                return new double[] {v * 0.9, v};
            }
        }
    }

    private double[] drums(long n, double t, double beat, double inBeat) {
        double secondsPerBeat = 60.0 / BPM;
        double sinceBeat = inBeat * secondsPerBeat;
        int beatInBar = (int) beat % 4;
        double kick = 0;
        if (beatInBar == 0 || beatInBar == 2) {
            double f = 50 + 90 * Math.exp(-sinceBeat * 30);
            kick = 0.7 * Math.exp(-sinceBeat * 9) * Math.sin(2 * Math.PI * f * sinceBeat);
        }
        double snare = 0;
        if (beatInBar == 1 || beatInBar == 3) {
            snare = 0.3 * Math.exp(-sinceBeat * 18) * (noise(n, 1) + 0.5 * Math.sin(2 * Math.PI * 190 * sinceBeat));
        }
        double sinceEighth = ((beat * 2) - Math.floor(beat * 2)) * secondsPerBeat / 2;
        double hat = 0.08 * Math.exp(-sinceEighth * 60) * (noise(n, 2) - noise(n - 1, 2));
        return new double[] {kick + snare + hat * 1.2, kick + snare + hat * 0.8};
    }

    private static double midiHz(int note) {
        return 440.0 * Math.pow(2.0, (note - 69) / 12.0);
    }

    /** White noise in [-1, 1) as a hash of the frame index: any block renders the same. */
    private static double noise(long n, long salt) {
        long z = n * 0x9E3779B97F4A7C15L + salt * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-52 - 1.0;
    }
}
