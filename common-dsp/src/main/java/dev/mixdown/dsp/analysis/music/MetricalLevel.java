package dev.mixdown.dsp.analysis.music;

import java.util.Arrays;

/**
 * Chooses between a tracked pulse and its subdivision by two or three, from the onsets on the
 * tracked beats and between them. The autocorrelation alone cannot tell an eighth-note texture at
 * 100 BPM from a beat at 200 BPM; two accent patterns can:
 * <ul>
 * <li><b>Even accents.</b> When onsets sit halfway between nearly all tracked beats and are about
 * as strong as those on the beats, the events are evenly accented (a click track) and the faster
 * pulse is the beat. In music, off-beats are weaker than beats: the metrical accent of Lerdahl
 * &amp; Jackendoff 1983, used for the choice of metrical level by Klapuri, Eronen &amp; Astola 2006
 * ("Analysis of the meter of acoustic musical signals", IEEE TASLP 14(1)).</li>
 * <li><b>Bass alternation.</b> When the low band (kick, bass) strikes between the tracked beats
 * clearly harder than on them, the tracker has locked onto every other beat of a kick–snare or
 * bass–chord ("oom-pah") alternation, and the faster pulse is the beat. Goto 2001 ("An audio-based
 * real-time beat tracking system for music with or without drum-sounds", J. New Music Research
 * 30(2)) fixes the beat level the same way, from where the bass drum and the snare fall.</li>
 * </ul>
 * A subdivision by three needs even accents too; a beat whose thirds are present but weaker is
 * a compound meter's dotted quarter ({@link #compound}).
 *
 * <p>The thresholds were chosen on the allowed dataset songs (any bass ratio from 2.3 to 6 gives the
 * same result there) and hold the synthetic click tracks and drum patterns of the tests.
 */
final class MetricalLevel {
    /** Fraction of beat intervals that must hold an off-beat onset for even accents. */
    static final double EVEN_PRESENCE = 0.85;
    /** Off-beat onsets at least this strong relative to the on-beat ones (median or lower quartile) are even accents. */
    static final double EVEN_ACCENT_RATIO = 0.9;
    /** Fraction of beat intervals that must hold an off-beat onset for a bass alternation. */
    static final double ALTERNATION_PRESENCE = 0.5;
    /** Low-band off-beat onsets this many times the on-beat ones (medians) are a bass alternation. */
    static final double BASS_ALTERNATION_RATIO = 3;
    /** A compound meter's onsets at the beat's thirds are at least this many times those halfway. */
    static final double COMPOUND_CONTRAST = 3;
    /** ...and at least this fraction of the median onset on the beats (above the noise floor). */
    static final double COMPOUND_FLOOR = 0.02;
    /** An off-beat onset counts as present when it reaches this fraction of the median onset on the beats. */
    static final double PRESENCE = 0.35;
    /** Onsets are read as the largest envelope value within this many frames of the nominal position. */
    private static final int PEAK_RADIUS_FRAMES = 2;

    private MetricalLevel() {
    }

    /**
     * 1 to keep the pulse, 2 or 3 to subdivide it, never beyond {@code maxBpm}.
     *
     * @param envelope the full-band onset strength
     * @param lowEnvelope the low band's onset strength, on the same frames
     */
    static int divisor(double[] envelope, double[] lowEnvelope, double[] beatFrames, double bpm, double maxBpm) {
        int n = beatFrames.length;
        if (n < 4) {
            return 1;
        }
        double[] on = new double[n];
        double[] lowOn = new double[n];
        for (int i = 0; i < n; i++) {
            on[i] = peak(envelope, beatFrames[i]);
            lowOn[i] = peak(lowEnvelope, beatFrames[i]);
        }
        double onMedian = quantile(on, 0.5);
        double level = PRESENCE * onMedian;
        if (level <= 0) {
            return 1;
        }
        int intervals = n - 1;
        double[] off = new double[intervals];
        double[] lowOff = new double[intervals];
        double[] offThirds = new double[intervals];
        int halves = 0;
        int thirds = 0;
        for (int i = 0; i < intervals; i++) {
            double a = beatFrames[i];
            double d = beatFrames[i + 1] - a;
            off[i] = peak(envelope, a + d / 2);
            lowOff[i] = peak(lowEnvelope, a + d / 2);
            if (off[i] >= level) {
                halves++;
            }
            offThirds[i] = Math.min(peak(envelope, a + d / 3), peak(envelope, a + 2 * d / 3));
            if (offThirds[i] >= level) {
                thirds++;
            }
        }
        if (2 * bpm <= maxBpm) {
            double accent = Math.max(quantile(off, 0.5) / onMedian, ratio(quantile(off, 0.25), quantile(on, 0.25)));
            boolean even = halves >= EVEN_PRESENCE * intervals && accent >= EVEN_ACCENT_RATIO;
            boolean alternation = halves >= ALTERNATION_PRESENCE * intervals
                    && ratio(quantile(lowOff, 0.5), quantile(lowOn, 0.5)) >= BASS_ALTERNATION_RATIO;
            if (even || alternation) {
                return 2;
            }
        }
        if (3 * bpm <= maxBpm && thirds >= EVEN_PRESENCE * intervals
                && Math.max(quantile(offThirds, 0.5) / onMedian, ratio(quantile(offThirds, 0.25), quantile(on, 0.25))) >= EVEN_ACCENT_RATIO) {
            return 3;
        }
        return 1;
    }

    /**
     * Whether the beats divide in three (a compound meter: 6/8, 9/8, 12/8): the onsets a third and two
     * thirds of the way to the next beat (the weaker of the two, median over the beat intervals) are
     * at least {@value #COMPOUND_CONTRAST} times as strong as those halfway, and stand out of the
     * floor ({@value #COMPOUND_FLOOR} of the median onset on the beats). In a simple meter the
     * halfway point holds the eighth note, or nothing stands out at the thirds either.
     */
    static boolean compound(double[] envelope, double[] beatFrames) {
        int n = beatFrames.length;
        if (n < 4) {
            return false;
        }
        double[] on = new double[n];
        for (int i = 0; i < n; i++) {
            on[i] = peak(envelope, beatFrames[i]);
        }
        double[] halves = new double[n - 1];
        double[] thirds = new double[n - 1];
        for (int i = 0; i + 1 < n; i++) {
            double a = beatFrames[i];
            double d = beatFrames[i + 1] - a;
            halves[i] = peak(envelope, a + d / 2);
            thirds[i] = Math.min(peak(envelope, a + d / 3), peak(envelope, a + 2 * d / 3));
        }
        double third = quantile(thirds, 0.5);
        return third >= COMPOUND_FLOOR * quantile(on, 0.5) && third >= COMPOUND_CONTRAST * quantile(halves, 0.5);
    }

    private static double ratio(double numerator, double denominator) {
        return denominator > 0 ? numerator / denominator : 0;
    }

    private static double quantile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.floor(q * (sorted.length - 1))];
    }

    private static double peak(double[] envelope, double frame) {
        int centre = (int) Math.round(frame);
        double max = 0;
        for (int f = Math.max(0, centre - PEAK_RADIUS_FRAMES); f <= Math.min(envelope.length - 1, centre + PEAK_RADIUS_FRAMES); f++) {
            max = Math.max(max, envelope[f]);
        }
        return max;
    }
}
