package dev.mixdown.dsp.testing;

import dev.mixdown.dsp.meter.LoudnessMeter;
import dev.mixdown.dsp.meter.TruePeakMeter;

/** Feeds a whole signal to fresh meters in blocks of a given size. */
public final class Metering {
    private Metering() {
    }

    public static LoudnessMeter loudness(float[][] signal, int sampleRate, int blockFrames) {
        LoudnessMeter meter = new LoudnessMeter();
        meter.prepare(sampleRate, signal.length);
        for (int off = 0; off < signal[0].length; off += blockFrames) {
            meter.accept(signal, off, Math.min(blockFrames, signal[0].length - off));
        }
        return meter;
    }

    public static TruePeakMeter truePeak(float[][] signal, int sampleRate, int blockFrames) {
        TruePeakMeter meter = new TruePeakMeter();
        meter.prepare(sampleRate, signal.length);
        for (int off = 0; off < signal[0].length; off += blockFrames) {
            meter.accept(signal, off, Math.min(blockFrames, signal[0].length - off));
        }
        meter.finish();
        return meter;
    }
}
