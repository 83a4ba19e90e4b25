package dev.mixdown.dsp.reverb;

import dev.mixdown.dsp.processor.AudioProcessor;
import dev.mixdown.dsp.processor.ProcessSpec;

/**
 * A fully wet stereo feedback delay for a send: different times left and right, feedback through
 * a one-pole low-pass so repeats darken as they fade.
 */
public final class StereoDelay implements AudioProcessor {
    private final double leftMs;
    private final double rightMs;
    private final double feedback;
    private final double dampingHz;
    private float[] left;
    private float[] right;
    private int posL;
    private int posR;
    private float lpL;
    private float lpR;
    private float lpCoef;

    public StereoDelay(double leftMs, double rightMs, double feedback, double dampingHz) {
        this.leftMs = leftMs;
        this.rightMs = rightMs;
        this.feedback = feedback;
        this.dampingHz = dampingHz;
    }

    @Override
    public void prepare(ProcessSpec spec) {
        left = new float[Math.max(1, (int) Math.round(leftMs * 0.001 * spec.sampleRate()))];
        right = new float[Math.max(1, (int) Math.round(rightMs * 0.001 * spec.sampleRate()))];
        lpCoef = (float) Math.exp(-2 * Math.PI * dampingHz / spec.sampleRate());
        reset();
    }

    @Override
    public void process(float[][] block, int offset, int frames) {
        float fb = (float) feedback;
        for (int i = offset, end = offset + frames; i < end; i++) {
            float outL = left[posL];
            float outR = right[posR];
            lpL = outL + (lpL - outL) * lpCoef;
            lpR = outR + (lpR - outR) * lpCoef;
            left[posL] = block[0][i] + lpR * fb; // cross-fed: repeats bounce between the sides
            right[posR] = block[1][i] + lpL * fb;
            posL = posL + 1 == left.length ? 0 : posL + 1;
            posR = posR + 1 == right.length ? 0 : posR + 1;
            block[0][i] = outL;
            block[1][i] = outR;
        }
    }

    @Override
    public void reset() {
        java.util.Arrays.fill(left, 0f);
        java.util.Arrays.fill(right, 0f);
        posL = 0;
        posR = 0;
        lpL = 0;
        lpR = 0;
    }
}
