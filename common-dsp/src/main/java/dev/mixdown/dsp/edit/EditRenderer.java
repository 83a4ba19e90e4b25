package dev.mixdown.dsp.edit;

/**
 * Applies an {@link EditPlan} to a signal aligned with the mix it was planned on: copies of the
 * planned segments, equal-gain crossfades before each join, and the plan's fades. Every output
 * sample is a fixed weighted sum of source samples, so applying the plan to each stem and summing
 * gives the plan applied to the sum (within float rounding). O(length of the edit).
 */
public final class EditRenderer {
    private EditRenderer() {
    }

    /**
     * Renders the edit of {@code audio} (planar, one array per channel). A signal shorter than the
     * plan's source reads as silence past its end.
     */
    public static float[][] render(EditPlan plan, float[][] audio) {
        if (plan.outputFrames() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("edit too long to hold in memory");
        }
        int frames = (int) plan.outputFrames();
        float[][] out = new float[audio.length][frames];
        for (int ch = 0; ch < audio.length; ch++) {
            renderChannel(plan, audio[ch], out[ch]);
        }
        return out;
    }

    private static void renderChannel(EditPlan plan, float[] src, float[] out) {
        for (EditSegment s : plan.segments()) {
            int o = (int) s.outputStartFrame();
            for (long i = s.sourceStartFrame(); i < s.sourceEndFrame(); i++) {
                out[o++] = at(src, i);
            }
        }
        for (EditJoin j : plan.joins()) {
            crossfade(out, (int) j.outputFrame(), src, j.fromSourceFrame(), j.toSourceFrame(), j.crossfadeFrames());
        }
        long content = plan.contentFrames();
        EditJoin wrap = plan.wrap();
        if (wrap != null) {
            crossfade(out, (int) content, src, wrap.fromSourceFrame(), wrap.toSourceFrame(), wrap.crossfadeFrames());
        }
        int fadeIn = (int) Math.min(plan.fadeInFrames(), content);
        for (int t = 0; t < fadeIn; t++) {
            out[t] *= (float) Math.sin(0.5 * Math.PI * (t + 0.5) / fadeIn);
        }
        int fadeOut = (int) Math.min(plan.fadeOutFrames(), content);
        for (int t = 0; t < fadeOut; t++) {
            out[(int) (content - fadeOut + t)] *= (float) Crossfades.decayGain((t + 0.5) / fadeOut);
        }
    }

    /**
     * Over the {@code frames} output frames ending at {@code at}: the outgoing source (ending at
     * {@code from}) fades out while the source leading into {@code to} fades in, equal gain.
     */
    private static void crossfade(float[] out, int at, float[] src, long from, long to, int frames) {
        int n = Math.min(frames, at);
        for (int t = 0; t < n; t++) {
            double x = (t + 0.5) / n;
            int pos = at - n + t;
            double fadingOut = at(src, from - n + t);
            double fadingIn = at(src, to - n + t);
            out[pos] = (float) (Crossfades.outGain(x) * fadingOut + Crossfades.inGain(x) * fadingIn);
        }
    }

    private static float at(float[] src, long i) {
        return i >= 0 && i < src.length ? src[(int) i] : 0f;
    }
}
