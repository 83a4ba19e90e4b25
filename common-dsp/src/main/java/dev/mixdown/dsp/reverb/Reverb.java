package dev.mixdown.dsp.reverb;

import dev.mixdown.dsp.processor.AudioProcessor;
import dev.mixdown.dsp.processor.ProcessSpec;

/**
 * A stereo algorithmic reverb after Schroeder and Moorer, in the arrangement Jezar's public-domain
 * Freeverb made common: per channel eight parallel low-pass-feedback comb filters into four
 * series allpasses, the right channel's delays a little longer than the left's for width, and a
 * pre-delay. Delay lengths are specified at 44.1 kHz and scaled for the rate. The processor is
 * fully wet: it replaces the block with the reverb of its mono sum (a send/return effect).
 */
public final class Reverb implements AudioProcessor {
    private static final int[] COMB_44K = {1116, 1188, 1277, 1356, 1422, 1491, 1557, 1617};
    private static final int[] ALLPASS_44K = {556, 441, 341, 225};
    private static final int STEREO_SPREAD_44K = 23;
    private static final double INPUT_GAIN = 0.015;
    private static final double ALLPASS_FEEDBACK = 0.5;

    private final double roomSize;
    private final double damping;
    private final double preDelayMs;

    private float[][] comb;
    private int[] combPos;
    private float[] combLowpass;
    private float[][] allpass;
    private int[] allpassPos;
    private float[] preDelay;
    private int preDelayPos;
    private float feedback;
    private float damp;

    /**
     * @param roomSize   0 to 1: the combs' feedback, i.e. the decay time
     * @param damping    0 to 1: how fast the highs die away
     * @param preDelayMs gap before the reverb starts
     */
    public Reverb(double roomSize, double damping, double preDelayMs) {
        this.roomSize = roomSize;
        this.damping = damping;
        this.preDelayMs = preDelayMs;
    }

    @Override
    public void prepare(ProcessSpec spec) {
        if (spec.channels() != 2) {
            throw new IllegalArgumentException("the reverb returns stereo: prepare it for 2 channels");
        }
        double scale = spec.sampleRate() / 44_100.0;
        comb = new float[16][];
        combPos = new int[16];
        combLowpass = new float[16];
        for (int i = 0; i < 8; i++) {
            comb[i] = new float[Math.max(1, (int) Math.round(COMB_44K[i] * scale))];
            comb[8 + i] = new float[Math.max(1, (int) Math.round((COMB_44K[i] + STEREO_SPREAD_44K) * scale))];
        }
        allpass = new float[8][];
        allpassPos = new int[8];
        for (int i = 0; i < 4; i++) {
            allpass[i] = new float[Math.max(1, (int) Math.round(ALLPASS_44K[i] * scale))];
            allpass[4 + i] = new float[Math.max(1, (int) Math.round((ALLPASS_44K[i] + STEREO_SPREAD_44K) * scale))];
        }
        preDelay = new float[Math.max(1, (int) Math.round(preDelayMs * 0.001 * spec.sampleRate()))];
        feedback = (float) (0.7 + 0.28 * roomSize);
        damp = (float) (0.4 * damping);
        reset();
    }

    @Override
    public void process(float[][] block, int offset, int frames) {
        float[] left = block[0];
        float[] right = block[1];
        for (int i = offset, end = offset + frames; i < end; i++) {
            float in = (float) ((left[i] + right[i]) * INPUT_GAIN);
            float delayed = preDelay[preDelayPos];
            preDelay[preDelayPos] = in;
            preDelayPos = preDelayPos + 1 == preDelay.length ? 0 : preDelayPos + 1;
            float outL = 0;
            float outR = 0;
            for (int c = 0; c < 8; c++) {
                outL += comb(c, delayed);
                outR += comb(8 + c, delayed);
            }
            for (int a = 0; a < 4; a++) {
                outL = allpass(a, outL);
                outR = allpass(4 + a, outR);
            }
            left[i] = outL;
            right[i] = outR;
        }
    }

    private float comb(int c, float in) {
        float[] buf = comb[c];
        int pos = combPos[c];
        float out = buf[pos];
        combLowpass[c] = out * (1 - damp) + combLowpass[c] * damp;
        buf[pos] = in + combLowpass[c] * feedback;
        combPos[c] = pos + 1 == buf.length ? 0 : pos + 1;
        return out;
    }

    private float allpass(int a, float in) {
        float[] buf = allpass[a];
        int pos = allpassPos[a];
        float delayed = buf[pos];
        float out = -in + delayed;
        buf[pos] = (float) (in + delayed * ALLPASS_FEEDBACK);
        allpassPos[a] = pos + 1 == buf.length ? 0 : pos + 1;
        return out;
    }

    @Override
    public void reset() {
        for (float[] b : comb) {
            java.util.Arrays.fill(b, 0f);
        }
        for (float[] b : allpass) {
            java.util.Arrays.fill(b, 0f);
        }
        java.util.Arrays.fill(combPos, 0);
        java.util.Arrays.fill(combLowpass, 0f);
        java.util.Arrays.fill(allpassPos, 0);
        java.util.Arrays.fill(preDelay, 0f);
        preDelayPos = 0;
    }
}
