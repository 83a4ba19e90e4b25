package dev.mixdown.dsp.mix;

import dev.mixdown.dsp.dynamics.Compressor;
import dev.mixdown.dsp.io.AudioFiles;
import dev.mixdown.dsp.io.AudioSource;
import dev.mixdown.dsp.io.AudioStreamInfo;
import dev.mixdown.dsp.processor.ProcessSpec;
import dev.mixdown.dsp.resample.ResamplingSource;
import java.io.IOException;
import java.util.Arrays;

/**
 * One stem on its way into the mix: read at the mix rate, through its inserts (EQ, compressor),
 * its fader and its panner, out as a stereo block. After the stem ends it plays silence, so stems
 * of different lengths line up at the start.
 */
final class StemChannel implements AutoCloseable {
    private final StemPlan plan;
    private final AudioSource source;
    private final StemPlan.Built inserts;
    private final int channels;
    private final float[][] in;
    private final float gain;
    private final float left;
    private final float right;
    private final boolean mono;
    private boolean ended;

    StemChannel(StemPlan plan, AudioStreamInfo info, int mixRate, double gainDb) throws IOException {
        this.plan = plan;
        this.source = ResamplingSource.at(AudioFiles.open(plan.spec().path()), mixRate);
        this.channels = info.channels();
        this.in = new float[channels][MixEngine.BLOCK];
        this.inserts = plan.build();
        inserts.chain().prepare(new ProcessSpec(mixRate, MixEngine.BLOCK, channels));
        this.gain = (float) Math.pow(10, gainDb / 20);
        this.mono = channels == 1 || plan.monoSum();
        double p = plan.pan();
        if (mono) {
            left = (float) MixPlanner.gainL(p);
            right = (float) MixPlanner.gainR(p);
        } else {
            left = (float) Math.min(1, 1 - p); // balance: a stereo stem keeps its image, the far side is turned down
            right = (float) Math.min(1, 1 + p);
        }
    }

    /**
     * Fills {@code out[0..1][0, frames)} with the stem's next stereo contribution.
     *
     * @return false once the stem has ended and this block held none of it
     */
    boolean next(float[][] out, int frames) throws IOException {
        int got = 0;
        while (!ended && got < frames) {
            int k = source.read(in, got, frames - got);
            if (k < 0) {
                ended = true;
            } else {
                got += k;
            }
        }
        for (float[] ch : in) {
            Arrays.fill(ch, got, frames, 0f);
        }
        inserts.chain().process(in, 0, frames);
        if (mono) {
            for (int i = 0; i < frames; i++) {
                float m = channels == 1 ? in[0][i] : 0.5f * (in[0][i] + in[1][i]);
                m *= gain;
                out[0][i] = m * left;
                out[1][i] = m * right;
            }
        } else {
            for (int i = 0; i < frames; i++) {
                out[0][i] = in[0][i] * gain * left;
                out[1][i] = in[1][i] * gain * right;
            }
        }
        return got > 0;
    }

    Compressor compressor() {
        return inserts.compressor();
    }

    StemPlan plan() {
        return plan;
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
