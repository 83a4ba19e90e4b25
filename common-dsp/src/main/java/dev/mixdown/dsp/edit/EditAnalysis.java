package dev.mixdown.dsp.edit;

import dev.mixdown.dsp.analysis.music.BeatGrid;
import dev.mixdown.dsp.analysis.music.MusicAnalyzer;
import java.util.Arrays;

/**
 * What the planners need to know about a mix, measured once: its length, where its music ends,
 * its bar grid in frames, short-time features with each bar's features on both sides of every
 * downbeat, and its loudness gating blocks.
 */
public final class EditAnalysis {
    /** Below this (-80 dBFS) a trailing sample counts as the end of the music: dither, not music. */
    static final double END_THRESHOLD = MusicAnalyzer.MUSIC_END_THRESHOLD;

    private final int sampleRate;
    private final long sourceFrames;
    private final long musicEndFrame;
    private final BeatGrid grid;
    private final long[] downbeats;
    private final FrameFeatures features;
    private final BlockLoudness loudness;
    private final FrameFeatures.Summary[] beforeDownbeat;
    private final FrameFeatures.Summary[] afterDownbeat;

    private EditAnalysis(int sampleRate, float[][] mix, BeatGrid grid) {
        this.sampleRate = sampleRate;
        this.sourceFrames = mix[0].length;
        this.musicEndFrame = musicEnd(mix);
        this.grid = grid == null ? BeatGrid.none() : grid;
        this.downbeats = downbeatFrames(this.grid, sampleRate, musicEndFrame);
        this.features = FrameFeatures.of(mix, sampleRate);
        this.loudness = BlockLoudness.of(mix, sampleRate);
        int m = downbeats.length;
        beforeDownbeat = new FrameFeatures.Summary[m];
        afterDownbeat = new FrameFeatures.Summary[m];
        long bar = medianBarFrames();
        for (int i = 0; i < m; i++) {
            long d = downbeats[i];
            beforeDownbeat[i] = features.over(i > 0 ? downbeats[i - 1] : d - bar, d);
            afterDownbeat[i] = features.over(d, i + 1 < m ? downbeats[i + 1] : d + bar);
        }
    }

    /**
     * Measures {@code mix} (planar, all channels the same length) with the bar grid {@code grid}
     * ({@link BeatGrid#none()} when there is none).
     *
     * @throws IllegalArgumentException when the mix is empty or silent
     */
    public static EditAnalysis of(float[][] mix, int sampleRate, BeatGrid grid) {
        if (mix.length == 0 || mix[0].length == 0) {
            throw new IllegalArgumentException("the input holds no audio");
        }
        EditAnalysis a = new EditAnalysis(sampleRate, mix, grid);
        if (a.musicEndFrame == 0) {
            throw new IllegalArgumentException("the input is silent (nothing above -80 dBFS): there is no music to edit");
        }
        return a;
    }

    public int sampleRate() {
        return sampleRate;
    }

    public long sourceFrames() {
        return sourceFrames;
    }

    /** The frame after the last one above -80 dBFS in any channel. */
    public long musicEndFrame() {
        return musicEndFrame;
    }

    public BeatGrid grid() {
        return grid;
    }

    /** Downbeats in frames that lie before the end of the music, increasing. */
    public long[] downbeatFrames() {
        return downbeats.clone();
    }

    /** Whether at least three downbeats (two whole bars) were found before the music ends. */
    public boolean hasBars() {
        return downbeats.length >= 3;
    }

    FrameFeatures features() {
        return features;
    }

    /** The source's gating blocks, for estimating an edit's integrated loudness. */
    BlockLoudness loudness() {
        return loudness;
    }

    long downbeat(int i) {
        return downbeats[i];
    }

    int downbeatCount() {
        return downbeats.length;
    }

    /** The median bar length in frames (one second when there is no grid). */
    long medianBarFrames() {
        if (downbeats.length < 2) {
            return sampleRate;
        }
        long[] bars = new long[downbeats.length - 1];
        for (int i = 0; i < bars.length; i++) {
            bars[i] = downbeats[i + 1] - downbeats[i];
        }
        Arrays.sort(bars);
        return bars[bars.length / 2];
    }

    long longestBarFrames() {
        long longest = 0;
        for (int i = 1; i < downbeats.length; i++) {
            longest = Math.max(longest, downbeats[i] - downbeats[i - 1]);
        }
        return longest == 0 ? sampleRate : longest;
    }

    /**
     * How well the music continues when playback jumps from downbeat {@code from} to downbeat
     * {@code to}: the bars before each must be alike, and so must the bars after each.
     */
    double downbeatJoinScore(int from, int to) {
        return 0.5 * (beforeDownbeat[from].similarity(beforeDownbeat[to]) + afterDownbeat[from].similarity(afterDownbeat[to]));
    }

    /** The same for any two frames, comparing {@code span} frames on each side. */
    double joinScore(long from, long to, long span) {
        return 0.5 * (features.over(from - span, from).similarity(features.over(to - span, to))
                + features.over(from, from + span).similarity(features.over(to, to + span)));
    }

    /** Mean power in dB of the mono sum over [start, end). */
    double levelDb(long start, long end) {
        return features.over(start, end).powerDb();
    }

    private static long musicEnd(float[][] mix) {
        for (int n = mix[0].length - 1; n >= 0; n--) {
            for (float[] ch : mix) {
                if (Math.abs(ch[n]) > END_THRESHOLD) {
                    return n + 1;
                }
            }
        }
        return 0;
    }

    private static long[] downbeatFrames(BeatGrid grid, int sampleRate, long end) {
        long[] out = new long[grid.downbeatSeconds().length];
        int m = 0;
        long last = -1;
        for (double s : grid.downbeatSeconds()) {
            long f = Math.round(s * sampleRate);
            if (f > last && f >= 0 && f < end) {
                out[m++] = f;
                last = f;
            }
        }
        return Arrays.copyOf(out, m);
    }
}
