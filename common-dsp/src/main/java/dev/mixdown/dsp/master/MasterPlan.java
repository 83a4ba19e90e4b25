package dev.mixdown.dsp.master;

import dev.mixdown.dsp.dynamics.Compressor;
import dev.mixdown.dsp.dynamics.Detection;
import dev.mixdown.dsp.dynamics.MultibandCompressor;
import dev.mixdown.dsp.filter.Biquad;
import dev.mixdown.dsp.filter.BiquadShape;
import dev.mixdown.dsp.processor.AudioProcessor;
import dev.mixdown.dsp.processor.ProcessorChain;
import dev.mixdown.dsp.stereo.StereoWidth;
import java.util.ArrayList;
import java.util.List;

/**
 * What the engine decided to do before level and limiting: a subsonic high-pass, EQ moves, gentle
 * multiband compression and stereo width, each with the reason it was chosen.
 */
public record MasterPlan(
        double highPassHz,
        String toneTarget,
        List<EqMove> eq,
        Dynamics dynamics,
        Width width) {

    /** One EQ move: a biquad of {@code shape} at {@code frequencyHz}. */
    public record EqMove(String shape, double frequencyHz, double gainDb, double q, String reason) {
    }

    /** The multiband compressor, or why there is none. */
    public record Dynamics(boolean enabled, String reason, double lowMidHz, double midHighHz, List<Band> bands) {
    }

    /** One band's compressor settings; the reduction figures are filled in after rendering. */
    public record Band(String name, double thresholdDb, double ratio, double kneeDb, double attackMs, double releaseMs,
            Double meanReductionDb, Double maxReductionDb) {
    }

    public record Width(double width, String reason) {
    }

    /** The processors that realise this plan, in order, freshly constructed. */
    public Built build() {
        List<AudioProcessor> chain = new ArrayList<>();
        chain.add(new Biquad(BiquadShape.HIGH_PASS, highPassHz, Math.sqrt(0.5), 0));
        for (EqMove m : eq) {
            chain.add(new Biquad(BiquadShape.valueOf(m.shape()), m.frequencyHz(), m.q(), m.gainDb()));
        }
        MultibandCompressor mbc = null;
        if (dynamics.enabled()) {
            Compressor[] c = new Compressor[3];
            for (int b = 0; b < 3; b++) {
                Band band = dynamics.bands().get(b);
                c[b] = new Compressor(band.thresholdDb(), band.ratio(), band.kneeDb(), band.attackMs(), band.releaseMs(), 0,
                        Detection.RMS, 0);
            }
            mbc = new MultibandCompressor(dynamics.lowMidHz(), dynamics.midHighHz(), c[0], c[1], c[2]);
            chain.add(mbc);
        }
        chain.add(new StereoWidth(width.width()));
        return new Built(new ProcessorChain(chain), mbc);
    }

    /** A built chain, with the multiband compressor kept for its statistics. */
    public record Built(ProcessorChain chain, MultibandCompressor multiband) {
    }

    /** This plan with the gain-reduction figures measured while rendering. */
    public MasterPlan withMeasuredDynamics(MultibandCompressor mbc) {
        if (mbc == null) {
            return this;
        }
        List<Band> bands = new ArrayList<>();
        Compressor[] c = mbc.bands();
        for (int b = 0; b < 3; b++) {
            Band band = dynamics.bands().get(b);
            bands.add(new Band(band.name(), band.thresholdDb(), band.ratio(), band.kneeDb(), band.attackMs(), band.releaseMs(),
                    round(c[b].stats().meanDb()), round(c[b].stats().maxDb())));
        }
        return new MasterPlan(highPassHz, toneTarget, eq,
                new Dynamics(true, dynamics.reason(), dynamics.lowMidHz(), dynamics.midHighHz(), bands), width);
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
