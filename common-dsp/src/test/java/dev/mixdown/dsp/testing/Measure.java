package dev.mixdown.dsp.testing;

/** Small measurements on generated test signals. */
public final class Measure {
    private Measure() {
    }

    /** RMS of x[from, to) in dB (full-scale sine: -3.01). */
    public static double rmsDb(float[] x, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) x[i] * x[i];
        }
        return 10 * Math.log10(sum / (to - from) + 1e-30);
    }

    /** Largest |x| in x[from, to). */
    public static double peak(float[] x, int from, int to) {
        double p = 0;
        for (int i = from; i < to; i++) {
            p = Math.max(p, Math.abs(x[i]));
        }
        return p;
    }

    public static float[][] sine(int rate, int channels, double hz, double amplitude, int frames) {
        float[][] x = new float[channels][frames];
        for (int i = 0; i < frames; i++) {
            float v = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / rate));
            for (int ch = 0; ch < channels; ch++) {
                x[ch][i] = v;
            }
        }
        return x;
    }

    public static float[][] copy(float[][] x) {
        float[][] y = new float[x.length][];
        for (int ch = 0; ch < x.length; ch++) {
            y[ch] = x[ch].clone();
        }
        return y;
    }
}
