package dev.mixdown.dsp.mix;

import dev.mixdown.dsp.dynamics.Compressor;
import dev.mixdown.dsp.dynamics.Detection;
import dev.mixdown.dsp.filter.Biquad;
import dev.mixdown.dsp.filter.BiquadShape;
import dev.mixdown.dsp.processor.AudioProcessor;
import dev.mixdown.dsp.processor.ProcessorChain;
import java.util.ArrayList;
import java.util.List;

/**
 * What the mix engine decided for one stem (before its gain is known).
 *
 * @param targetLufs   active loudness the stem should have in the mix
 * @param pan          -1 left … 1 right
 * @param monoSum      sum a stereo stem to mono before panning (low end)
 * @param unmask       this stem yields in the lead's key band while the lead plays
 * @param balance      how the target was decided (model or role table, reasons, the user's changes)
 */
public record StemPlan(
        int index,
        StemSpec spec,
        StemRole role,
        String roleSource,
        String roleEvidence,
        Presence presence,
        boolean lead,
        double targetLufs,
        double pan,
        String panReason,
        boolean monoSum,
        List<Eq> eq,
        Compression compression,
        double reverbSendDb,
        double delaySendDb,
        boolean unmask,
        BalanceDecision balance) {

    /** One EQ move: a biquad shape at a frequency, and why. */
    public record Eq(String shape, double frequencyHz, double gainDb, double q, String reason) {
    }

    /** Compressor settings; the threshold is relative to full scale at the stem's own level (before its fader). */
    public record Compression(double thresholdDb, double ratio, double kneeDb, double attackMs, double releaseMs, String detection) {
    }

    /** The stem's insert chain: EQ moves then the compressor, freshly built for one pass. */
    public Built build() {
        List<AudioProcessor> chain = new ArrayList<>();
        for (Eq e : eq) {
            chain.add(new Biquad(BiquadShape.valueOf(e.shape()), e.frequencyHz(), e.q(), e.gainDb()));
        }
        Compressor c = null;
        if (compression != null) {
            c = new Compressor(compression.thresholdDb(), compression.ratio(), compression.kneeDb(), compression.attackMs(),
                    compression.releaseMs(), 0, Detection.valueOf(compression.detection()), 0);
            chain.add(c);
        }
        return new Built(new ProcessorChain(chain), c);
    }

    public record Built(ProcessorChain chain, Compressor compressor) {
    }
}
