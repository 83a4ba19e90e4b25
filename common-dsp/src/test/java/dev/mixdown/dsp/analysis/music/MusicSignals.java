package dev.mixdown.dsp.analysis.music;

import java.util.Random;

/** Test signals whose tempo, beats, bars and key are known: clicks, drum-like patterns, chords. */
final class MusicSignals {
    static final double START_SECONDS = 0.5;

    private MusicSignals() {
    }

    /** True beat times of a pattern starting at {@link #START_SECONDS}. */
    static double[] beats(double bpm, double seconds) {
        double period = 60 / bpm;
        int n = (int) Math.floor((seconds - START_SECONDS - 0.3) / period) + 1;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = START_SECONDS + i * period;
        }
        return out;
    }

    /** A metronome: a high, loud click on each downbeat, a lower, softer one on the other beats, a faint noise floor. */
    static float[][] clicks(int rate, double bpm, int beatsPerBar, double seconds, long seed) {
        float[] mono = noise(rate, seconds, 0.0005, seed);
        double[] beats = beats(bpm, seconds);
        for (int i = 0; i < beats.length; i++) {
            boolean down = i % beatsPerBar == 0;
            tone(mono, rate, beats[i], down ? 1500 : 1000, down ? 0.8 : 0.45, 0.005, 0.03);
        }
        return stereo(mono);
    }

    /**
     * A drum-like pattern: kick and a bass note on the downbeat (and the middle beat of 4/4), snare on
     * the other beats, closed hi-hat on every eighth note.
     */
    static float[][] drums(int rate, double bpm, int beatsPerBar, double seconds, long seed) {
        Random random = new Random(seed);
        float[] mono = noise(rate, seconds, 0.0005, seed + 1);
        double period = 60 / bpm;
        double[] beats = beats(bpm, seconds);
        for (int i = 0; i < beats.length; i++) {
            int position = i % beatsPerBar;
            double t = beats[i];
            if (position == 0 || (beatsPerBar == 4 && position == 2)) {
                kick(mono, rate, t, position == 0 ? 0.9 : 0.6);
            } else {
                burst(mono, rate, t, 0.45, 0.09, 0.3, random);
            }
            if (position == 0) {
                tone(mono, rate, t, 55, 0.35, 0.01, Math.min(0.4, period * beatsPerBar * 0.4));
            }
            burst(mono, rate, t, 0.12, 0.03, 0.95, random);
            burst(mono, rate, t + period / 2, 0.08, 0.03, 0.95, random);
        }
        return stereo(mono);
    }

    /**
     * Music with an eighth-note texture: a bass note and a chord stab on every beat (the bass louder on
     * the downbeat), a softer, brighter stab on every off-beat, as a piano or guitar plays straight
     * eighths at a moderate tempo. The beat is the quarter note, not the eighths' pulse.
     */
    static float[][] eighths(int rate, double bpm, int beatsPerBar, double seconds, long seed) {
        Random random = new Random(seed);
        float[] mono = noise(rate, seconds, 0.0005, seed + 1);
        double period = 60 / bpm;
        double[] beats = beats(bpm, seconds);
        for (int i = 0; i < beats.length; i++) {
            double t = beats[i];
            boolean down = i % beatsPerBar == 0;
            tone(mono, rate, t, 82.4, down ? 0.5 : 0.35, 0.005, period * 0.3);
            harmonicNote(mono, rate, t, period * 0.4, midiHz(64), 0.12);
            harmonicNote(mono, rate, t, period * 0.4, midiHz(67), 0.12);
            burst(mono, rate, t + period / 2, 0.1, 0.02, 0.9, random);
            harmonicNote(mono, rate, t + period / 2, period * 0.3, midiHz(76), 0.05);
        }
        return stereo(mono);
    }

    /**
     * A compound-meter pattern (6/8 when {@code beatsPerBar} is 2, 12/8 when 4): the beat is the
     * dotted quarter at {@code bpm}, each divided into three eighth notes; kick and bass note on the
     * downbeat, a snare on the other beats, a closed hi-hat on every eighth, the eighths after a
     * beat softer than the beat.
     */
    static float[][] compound(int rate, double bpm, int beatsPerBar, double seconds, long seed) {
        Random random = new Random(seed);
        float[] mono = noise(rate, seconds, 0.0005, seed + 1);
        double period = 60 / bpm;
        double[] beats = beats(bpm, seconds);
        for (int i = 0; i < beats.length; i++) {
            double t = beats[i];
            if (i % beatsPerBar == 0) {
                kick(mono, rate, t, 0.9);
                tone(mono, rate, t, 55, 0.35, 0.01, Math.min(0.4, period * beatsPerBar * 0.4));
            } else {
                burst(mono, rate, t, 0.4, 0.08, 0.3, random);
            }
            burst(mono, rate, t, 0.12, 0.03, 0.95, random);
            burst(mono, rate, t + period / 3, 0.1, 0.03, 0.95, random);
            burst(mono, rate, t + 2 * period / 3, 0.1, 0.03, 0.95, random);
        }
        return stereo(mono);
    }

    /**
     * A chord progression in a key: I–IV–V–I (major) or i–iv–V–i (minor, with the raised leading
     * tone), each chord {@code chordSeconds} long, harmonic tones with a bass root.
     */
    static float[][] chords(int rate, int tonic, boolean minor, double seconds, double chordSeconds, long seed) {
        float[] mono = noise(rate, seconds, 0.0005, seed);
        int[][] progression = minor
                ? new int[][] {{0, 3, 7}, {5, 8, 12}, {7, 11, 14}, {0, 3, 7}}
                : new int[][] {{0, 4, 7}, {5, 9, 12}, {7, 11, 14}, {0, 4, 7}};
        int base = 48 + tonic; // C3 + tonic
        int k = 0;
        for (double t = 0; t + chordSeconds <= seconds + 1e-9; t += chordSeconds, k++) {
            int[] chord = progression[k % progression.length];
            for (int interval : chord) {
                harmonicNote(mono, rate, t, chordSeconds, midiHz(base + interval + 12), 0.12);
            }
            harmonicNote(mono, rate, t, chordSeconds, midiHz(base + chord[0] - 12), 0.12);
        }
        return stereo(mono);
    }

    /**
     * A song at 120 BPM in 4/4 (bars of 2 s from {@link #START_SECONDS}): a quiet 4-bar intro, an
     * 8-bar part A (C–G–Am–F), an 8-bar part B (Dm–Em–F–G, louder), part A again, and a quiet 4-bar
     * ending; drums from the first A to the end of the second.
     */
    static float[][] song(int rate, long seed) {
        double seconds = START_SECONDS + 32 * 2 + 1;
        float[][] drums = drums(rate, 120, 4, seconds, seed);
        float[] mono = drums[0];
        int drumsFrom = (int) Math.round((START_SECONDS + 8 - 0.05) * rate);
        int drumsTo = (int) Math.round((START_SECONDS + 56 - 0.05) * rate);
        for (int i = 0; i < mono.length; i++) {
            if (i < drumsFrom || i >= drumsTo) {
                mono[i] *= 0.001f;
            }
        }
        int[][] a = {{0, 4, 7}, {7, 11, 14}, {9, 12, 16}, {5, 9, 12}};
        int[][] b = {{2, 5, 9}, {4, 7, 11}, {5, 9, 12}, {7, 11, 14}};
        for (int bar = 0; bar < 32; bar++) {
            double t = START_SECONDS + bar * 2;
            int[][] part = bar >= 12 && bar < 20 ? b : a;
            double level = bar < 4 || bar >= 28 ? 0.03 : bar >= 12 && bar < 20 ? 0.16 : 0.1;
            int[] chord = part[bar % 4];
            for (int interval : chord) {
                harmonicNote(mono, rate, t, 2, midiHz(60 + interval), level);
            }
            harmonicNote(mono, rate, t, 2, midiHz(36 + chord[0] % 12), level);
        }
        return stereo(mono);
    }

    static double midiHz(int midi) {
        return 440 * Math.pow(2, (midi - 69) / 12.0);
    }

    static void harmonicNote(float[] out, int rate, double start, double length, double hz, double amplitude) {
        int from = (int) Math.round(start * rate);
        int count = (int) Math.round(length * rate);
        for (int i = 0; i < count && from + i < out.length; i++) {
            double t = (double) i / rate;
            double envelope = Math.min(1, t / 0.01) * Math.min(1, (length - t) / 0.02) * Math.exp(-t * 0.8);
            double s = 0;
            for (int h = 1; h <= 4; h++) {
                if (hz * h < rate / 2.0) {
                    s += Math.sin(2 * Math.PI * hz * h * t) / (h * h);
                }
            }
            out[from + i] += (float) (amplitude * envelope * s);
        }
    }

    static void tone(float[] out, int rate, double start, double hz, double amplitude, double attack, double decay) {
        int from = (int) Math.round(start * rate);
        int count = (int) Math.round((attack + 6 * decay) * rate);
        for (int i = 0; i < count && from + i < out.length; i++) {
            double t = (double) i / rate;
            double envelope = t < attack ? t / attack : Math.exp(-(t - attack) / decay);
            out[from + i] += (float) (amplitude * envelope * Math.sin(2 * Math.PI * hz * t));
        }
    }

    private static void kick(float[] out, int rate, double start, double amplitude) {
        int from = (int) Math.round(start * rate);
        int count = (int) Math.round(0.3 * rate);
        double phase = 0;
        for (int i = 0; i < count && from + i < out.length; i++) {
            double t = (double) i / rate;
            double hz = 50 + 90 * Math.exp(-t / 0.03);
            phase += 2 * Math.PI * hz / rate;
            out[from + i] += (float) (amplitude * Math.min(1, t / 0.002) * Math.exp(-t / 0.08) * Math.sin(phase));
        }
    }

    /** A noise burst; {@code brightness} near 1 keeps only the highs (a first-order high-pass of the noise). */
    private static void burst(float[] out, int rate, double start, double amplitude, double decay, double brightness, Random random) {
        int from = (int) Math.round(start * rate);
        int count = (int) Math.round(5 * decay * rate);
        double previous = 0;
        for (int i = 0; i < count && from + i < out.length; i++) {
            double t = (double) i / rate;
            double white = random.nextGaussian();
            double high = white - brightness * previous;
            previous = white;
            out[from + i] += (float) (amplitude * 0.5 * Math.min(1, t / 0.001) * Math.exp(-t / decay) * high);
        }
    }

    static float[] noise(int rate, double seconds, double amplitude, long seed) {
        Random random = new Random(seed);
        float[] out = new float[(int) Math.round(seconds * rate)];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (amplitude * random.nextGaussian());
        }
        return out;
    }

    static float[][] stereo(float[] mono) {
        return new float[][] {mono, mono.clone()};
    }
}
