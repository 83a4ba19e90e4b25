package dev.mixdown.dsp.mix;

import dev.mixdown.dsp.spectrum.ThirdOctaveSpectrum;
import dev.mixdown.dsp.util.DoubleSeries;

/**
 * Follows a stem's pitch and tonality frame by frame (fed by the stem's {@link ThirdOctaveSpectrum}
 * frames, so it costs no FFT of its own) and summarises, over the frames within
 * {@value #ACTIVE_RANGE_DB} dB of the loudest: its register (the strongest partial, as a MIDI note),
 * how far that moves from frame to frame (a melody moves, a pad holds), how tonal it is (one minus
 * the spectral flatness), and how many partials stand out (a proxy for polyphony).
 */
public final class TonalProfile implements ThirdOctaveSpectrum.FrameListener {
    static final double ACTIVE_RANGE_DB = 30;
    private static final double LOW_HZ = 60;
    private static final double HIGH_HZ = 5000;
    /** A partial counts when it is a local maximum within this many dB of the frame's strongest. */
    private static final double PARTIAL_RANGE_DB = 30;
    /** Frame-to-frame register moves are capped at an octave, so a rest does not count as a leap. */
    private static final double MAX_MOVE_SEMITONES = 12;

    private final DoubleSeries energy = new DoubleSeries();
    private final DoubleSeries noteOf = new DoubleSeries();
    private final DoubleSeries tonality = new DoubleSeries();
    private final DoubleSeries partials = new DoubleSeries();

    /** The summary; every value is 0 when nothing was heard. */
    public record Summary(double registerNote, double registerSpreadSemitones, double motionSemitones, double tonality,
            double partials) {
    }

    @Override
    public void frame(double[] power, double binHz) {
        int lo = Math.max(1, (int) Math.ceil(LOW_HZ / binHz));
        int hi = Math.min(power.length - 2, (int) Math.floor(HIGH_HZ / binHz));
        double total = 0;
        double logSum = 0;
        int strongest = lo;
        for (int k = lo; k <= hi; k++) {
            total += power[k];
            logSum += Math.log(power[k] + 1e-20);
            if (power[k] > power[strongest]) {
                strongest = k;
            }
        }
        int bins = hi - lo + 1;
        double mean = total / bins;
        double flatness = mean > 0 ? Math.exp(logSum / bins) / mean : 1;
        double floor = power[strongest] * Math.pow(10, -PARTIAL_RANGE_DB / 10);
        int count = 0;
        for (int k = lo + 2; k <= hi - 2; k++) {
            double p = power[k];
            if (p > floor && p > power[k - 1] && p >= power[k + 1] && p > power[k - 2] && p >= power[k + 2]) {
                count++;
            }
        }
        energy.add(total);
        noteOf.add(69 + 12 * Math.log(strongest * binHz / 440) / Math.log(2));
        tonality.add(1 - flatness);
        partials.add(count);
    }

    public Summary summary() {
        int n = energy.size();
        double max = 0;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, energy.get(i));
        }
        if (max <= 0) {
            return new Summary(0, 0, 0, 0, 0);
        }
        double gate = max * Math.pow(10, -ACTIVE_RANGE_DB / 10);
        double weight = 0;
        double note = 0;
        double note2 = 0;
        double tonal = 0;
        double count = 0;
        double motion = 0;
        int moves = 0;
        int previous = -1;
        for (int i = 0; i < n; i++) {
            if (energy.get(i) <= gate) {
                previous = -1;
                continue;
            }
            double w = Math.log10(energy.get(i) / gate); // louder frames count more, the quietest barely
            weight += w;
            note += w * noteOf.get(i);
            note2 += w * noteOf.get(i) * noteOf.get(i);
            tonal += w * tonality.get(i);
            count += w * partials.get(i);
            if (previous >= 0) {
                motion += Math.min(MAX_MOVE_SEMITONES, Math.abs(noteOf.get(i) - noteOf.get(previous)));
                moves++;
            }
            previous = i;
        }
        if (weight <= 0) {
            return new Summary(0, 0, 0, 0, 0);
        }
        double meanNote = note / weight;
        return new Summary(meanNote, Math.sqrt(Math.max(0, note2 / weight - meanNote * meanNote)),
                moves == 0 ? 0 : motion / moves, tonal / weight, count / weight);
    }
}
