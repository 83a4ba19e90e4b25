package dev.mixdown.dsp.packaging;

import dev.mixdown.dsp.dynamics.TruePeakLimiter;
import dev.mixdown.dsp.meter.LoudnessMeter;
import dev.mixdown.dsp.processor.ProcessSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Lays a voice tag over music on downbeats: every {@code everyBars} bars (or about every 25 s),
 * each at a loudness relative to the music's short-term loudness around it (3 s centred on the
 * tag), optionally ducking the music under it, then a true-peak limiter at the ceiling so the sum
 * cannot clip.
 */
public final class TagOverlay {
    /** The music around a tag: 3 s, as EBU short-term loudness. */
    static final double WINDOW_SECONDS = 3.0;
    static final double DUCK_RAMP_SECONDS = 0.05;
    static final double LIMITER_ATTACK_MS = 1.5;
    static final double LIMITER_RELEASE_MS = 80;

    private TagOverlay() {
    }

    /** One tag as laid: where (frame), the gain applied to the tag, the music's and the tag's loudness. */
    public record Placement(long frame, double gainDb, double musicLufs, double tagLufs) {
    }

    public record Result(float[][] samples, List<Placement> placements) {
    }

    /** The frames a tag starts at: every {@code everyBars}-th downbeat (0 = automatic), or every ~25 s without a bar grid. */
    public static List<Long> positions(long[] downbeats, int sampleRate, long musicFrames, long tagFrames, int everyBars) {
        List<Long> out = new ArrayList<>();
        if (downbeats.length >= 2) {
            double barFrames = (downbeats[downbeats.length - 1] - downbeats[0]) / (double) (downbeats.length - 1);
            int every = everyBars > 0 ? everyBars
                    : (int) Math.max(1, Math.round(PreviewSpec.DEFAULT_INTERVAL_SECONDS * sampleRate / barFrames));
            for (int i = 0; i < downbeats.length; i += every) {
                if (downbeats[i] + tagFrames <= musicFrames) {
                    out.add(downbeats[i]);
                }
            }
        } else {
            long step = Math.round(PreviewSpec.DEFAULT_INTERVAL_SECONDS * sampleRate);
            for (long f = sampleRate; f + tagFrames <= musicFrames; f += step) {
                out.add(f);
            }
        }
        return out;
    }

    /**
     * Lays {@code tag} (same rate and channel count as {@code music}, or mono) at {@code positions}.
     *
     * @throws IllegalArgumentException when the tag is silent or shorter than 0.4 s (its loudness cannot be measured)
     */
    public static Result render(float[][] music, int sampleRate, float[][] voiceTag, List<Long> positions, double relativeLu,
            double duckDb, double ceilingDbtp) {
        float[][] tag = new float[music.length][];
        for (int ch = 0; ch < music.length; ch++) {
            tag[ch] = voiceTag[Math.min(ch, voiceTag.length - 1)]; // a mono tag plays in every channel, and is measured so
        }
        double tagLufs = loudness(tag, sampleRate, 0, tag[0].length);
        if (Double.isNaN(tagLufs)) {
            throw new IllegalArgumentException("the voice tag is silent or shorter than 0.4 s: its loudness cannot be measured");
        }
        int channels = music.length;
        int frames = music[0].length;
        float[][] out = new float[channels][];
        for (int ch = 0; ch < channels; ch++) {
            out[ch] = music[ch].clone();
        }
        List<Placement> placements = new ArrayList<>();
        int window = (int) (WINDOW_SECONDS * sampleRate);
        int tagFrames = tag[0].length;
        int ramp = (int) (DUCK_RAMP_SECONDS * sampleRate);
        for (long pos : positions) {
            int at = (int) pos;
            int from = Math.max(0, at + tagFrames / 2 - window / 2);
            int to = Math.min(frames, from + window);
            double musicLufs = loudness(music, sampleRate, from, to);
            if (Double.isNaN(musicLufs)) {
                continue; // silence: a tag here would be the only thing playing
            }
            double gainDb = musicLufs + relativeLu - tagLufs;
            float g = (float) Math.pow(10, gainDb / 20);
            for (int i = 0; i < tagFrames && at + i < frames; i++) {
                double duck = 1;
                if (duckDb < 0) {
                    double edge = Math.min(1, Math.min((i + 0.5) / ramp, (tagFrames - i - 0.5) / ramp));
                    duck = Math.pow(10, duckDb * Math.max(0, edge) / 20);
                }
                for (int ch = 0; ch < channels; ch++) {
                    float t = tag[ch][i];
                    out[ch][at + i] = (float) (out[ch][at + i] * duck) + g * t;
                }
            }
            placements.add(new Placement(pos, round(gainDb), round(musicLufs), round(tagLufs)));
        }
        return new Result(limit(out, sampleRate, ceilingDbtp), placements);
    }

    /** The true-peak limiter at the ceiling, its latency removed. */
    static float[][] limit(float[][] audio, int sampleRate, double ceilingDbtp) {
        int channels = audio.length;
        int frames = audio[0].length;
        int block = 4096;
        TruePeakLimiter limiter = new TruePeakLimiter(ceilingDbtp, LIMITER_ATTACK_MS, LIMITER_RELEASE_MS);
        limiter.prepare(new ProcessSpec(sampleRate, block, channels));
        int latency = limiter.latencyFrames();
        float[][] padded = new float[channels][frames + latency];
        for (int ch = 0; ch < channels; ch++) {
            System.arraycopy(audio[ch], 0, padded[ch], 0, frames);
        }
        for (int off = 0; off < padded[0].length; off += block) {
            limiter.process(padded, off, Math.min(block, padded[0].length - off));
        }
        float[][] out = new float[channels][frames];
        for (int ch = 0; ch < channels; ch++) {
            System.arraycopy(padded[ch], latency, out[ch], 0, frames);
        }
        return out;
    }

    /** Integrated (gated) loudness of frames [from, to), or NaN. */
    static double loudness(float[][] audio, int sampleRate, int from, int to) {
        if (to - from < 0.4 * sampleRate) {
            return Double.NaN;
        }
        LoudnessMeter meter = new LoudnessMeter();
        meter.prepare(sampleRate, audio.length);
        float[][] view = new float[audio.length][];
        for (int ch = 0; ch < audio.length; ch++) {
            view[ch] = java.util.Arrays.copyOfRange(audio[ch], from, to);
        }
        meter.accept(view, 0, to - from);
        return meter.integratedLufs().orElse(Double.NaN);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
