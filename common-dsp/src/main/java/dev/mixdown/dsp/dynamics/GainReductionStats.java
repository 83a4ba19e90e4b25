package dev.mixdown.dsp.dynamics;

/** Running statistics of gain reduction in dB (positive numbers: how much was taken away). */
public final class GainReductionStats {
    private double maxDb;
    private double sumDb;
    private long frames;
    private long activeFrames;

    void add(double reductionDb) {
        if (reductionDb > maxDb) {
            maxDb = reductionDb;
        }
        sumDb += reductionDb;
        frames++;
        if (reductionDb > 0.1) {
            activeFrames++;
        }
    }

    public void reset() {
        maxDb = 0;
        sumDb = 0;
        frames = 0;
        activeFrames = 0;
    }

    public double maxDb() {
        return maxDb;
    }

    public double meanDb() {
        return frames == 0 ? 0 : sumDb / frames;
    }

    /** Share of frames with more than 0.1 dB of reduction, 0 to 1. */
    public double activeFraction() {
        return frames == 0 ? 0 : (double) activeFrames / frames;
    }
}
