package dev.mixdown.dsp.mix;

/**
 * A peaking EQ whose gain moves while it runs (the unmasking dip): coefficients are recomputed in
 * place, without allocating, whenever the gain changes by more than 0.05 dB.
 */
final class DynamicPeak {
    private final double w0;
    private final double cos;
    private final double alpha;
    private double b0 = 1;
    private double b1;
    private double b2;
    private double a1;
    private double a2;
    private double gainDb;
    private final double[] z1;
    private final double[] z2;
    private double deepestDb;
    private boolean initialized;

    DynamicPeak(double sampleRate, double frequencyHz, double q, int channels) {
        this.w0 = 2 * Math.PI * frequencyHz / sampleRate;
        this.cos = Math.cos(w0);
        this.alpha = Math.sin(w0) / (2 * q);
        this.z1 = new double[channels];
        this.z2 = new double[channels];
        setGainDb(0);
    }

    void setGainDb(double db) {
        if (initialized && Math.abs(db - gainDb) < 0.05) {
            return;
        }
        initialized = true;
        gainDb = db;
        deepestDb = Math.min(deepestDb, db);
        double a = Math.pow(10, db / 40);
        double a0 = 1 + alpha / a;
        b0 = (1 + alpha * a) / a0;
        b1 = -2 * cos / a0;
        b2 = (1 - alpha * a) / a0;
        a1 = -2 * cos / a0;
        a2 = (1 - alpha / a) / a0;
    }

    void process(float[][] block, int offset, int frames) {
        for (int ch = 0; ch < z1.length; ch++) {
            float[] x = block[ch];
            double s1 = z1[ch];
            double s2 = z2[ch];
            for (int i = offset, end = offset + frames; i < end; i++) {
                double in = x[i];
                double y = b0 * in + s1;
                s1 = b1 * in - a1 * y + s2;
                s2 = b2 * in - a2 * y;
                x[i] = (float) y;
            }
            z1[ch] = Math.abs(s1) < 1e-30 ? 0 : s1;
            z2[ch] = Math.abs(s2) < 1e-30 ? 0 : s2;
        }
    }

    double deepestDb() {
        return deepestDb;
    }
}
