package dev.mixdown.dsp.edit;

import java.util.ArrayList;
import java.util.List;

/**
 * Plans a cutdown to an exact length: the track's opening up to a downbeat, then a jump forward
 * to a later downbeat from which the track plays to its real ending, unfaded. The removed bars
 * are the run whose two edges match best (bars before and after each edge alike in harmony,
 * timbre and loudness) among all pairs of downbeats that leave less than one bar to fill with
 * silence; O(bars²). Without a bar grid the jump goes from a point to the point exactly the
 * surplus later, chosen where both are quiet and alike.
 */
public final class CutdownPlanner {
    /** The crossfade at a join on a downbeat: 20 ms, short enough to keep the downbeat's attack. */
    static final double JOIN_CROSSFADE_SECONDS = 0.020;
    /** Without a grid the join sits in a quiet spot and can afford a longer crossfade. */
    static final double FREE_CROSSFADE_SECONDS = 0.050;
    /** Leaving more silence at the end costs this much score per bar of padding. */
    private static final double PAD_PENALTY_PER_BAR = 0.1;
    /**
     * An edit whose mean power strays from the full track's by more than
     * {@value #LEVEL_TOLERANCE_DB} dB costs this much score per further dB: a cutdown must stay
     * within 1 LU of the track, and keeping a quiet intro and ending with too little of the body
     * drags it down. (Mean power of the mono sum is a stand-in for gated integrated loudness that
     * costs O(1) per candidate from the features' prefix sums.)
     */
    private static final double LEVEL_PENALTY_PER_DB = 1.0;
    private static final double LEVEL_TOLERANCE_DB = 0.5;

    private CutdownPlanner() {
    }

    /**
     * Plans an edit of exactly {@code lengthFrames} frames.
     *
     * @throws IllegalArgumentException when the track is shorter than the length, or its
     *                                  opening and ending alone do not fit
     */
    public static EditPlan plan(EditAnalysis a, long lengthFrames) {
        int rate = a.sampleRate();
        if (lengthFrames <= 0) {
            throw new IllegalArgumentException("the requested length must be positive");
        }
        if (a.sourceFrames() < lengthFrames) {
            throw new IllegalArgumentException(String.format("the input is %.2f s long, shorter than the requested %.2f s",
                    (double) a.sourceFrames() / rate, (double) lengthFrames / rate));
        }
        long end = a.musicEndFrame();
        List<String> notes = new ArrayList<>();
        if (!a.hasBars()) {
            notes.add("no bar grid was found: joined at the quietest, best-matching points");
        }
        if (end <= lengthFrames) {
            notes.add("the music ends before the requested length: kept whole, silence fills the rest");
            return new EditPlan(EditKind.CUTDOWN, rate, a.sourceFrames(), end, lengthFrames,
                    List.of(new EditSegment(0, end, 0)), List.of(), null, 0, 0, a.downbeatFrames(), notes);
        }
        return a.hasBars() ? onDownbeats(a, lengthFrames, notes) : anywhere(a, lengthFrames, notes);
    }

    private static EditPlan onDownbeats(EditAnalysis a, long length, List<String> notes) {
        long end = a.musicEndFrame();
        int m = a.downbeatCount();
        int crossfade = (int) Math.round(JOIN_CROSSFADE_SECONDS * a.sampleRate());
        double bar = a.medianBarFrames();
        long maxPad = a.longestBarFrames();
        int bestFrom = -1;
        int bestTo = -1;
        double bestScore = Double.NEGATIVE_INFINITY;
        double bestMatch = 0;
        double trackDb = a.levelDb(0, end);
        // keep at least the first whole bar when possible; fall back to the pickup alone
        for (int firstFrom = 1; firstFrom >= 0 && bestFrom < 0; firstFrom--) {
            for (int i = firstFrom; i < m - 1; i++) {
                long from = a.downbeat(i);
                if (from < crossfade) {
                    continue;
                }
                for (int j = i + 1; j < m; j++) {
                    long content = from + end - a.downbeat(j);
                    if (content > length) {
                        continue;
                    }
                    long pad = length - content;
                    if (pad > maxPad) {
                        break;
                    }
                    double match = a.downbeatJoinScore(i, j);
                    double strayDb = Math.abs(levelDb(a, from, a.downbeat(j), end) - trackDb);
                    double score = match - PAD_PENALTY_PER_BAR * pad / bar
                            - LEVEL_PENALTY_PER_DB * Math.max(0, strayDb - LEVEL_TOLERANCE_DB);
                    if (score > bestScore) {
                        bestScore = score;
                        bestMatch = match;
                        bestFrom = i;
                        bestTo = j;
                    }
                }
            }
        }
        if (bestFrom < 0) {
            throw new IllegalArgumentException(String.format(
                    "%.2f s cannot hold the track's opening bar and its ending (last bar to the end of the music: %.2f s)",
                    (double) length / a.sampleRate(), (double) (end - a.downbeat(m - 1)) / a.sampleRate()));
        }
        long from = a.downbeat(bestFrom);
        long to = a.downbeat(bestTo);
        return twoSegments(a, length, from, to, crossfade, bestMatch, notes);
    }

    /** Mean power in dB of the source's [0, from) followed by [to, end). */
    private static double levelDb(EditAnalysis a, long from, long to, long end) {
        double energy = Math.pow(10, a.levelDb(0, from) / 10) * from + Math.pow(10, a.levelDb(to, end) / 10) * (end - to);
        return 10 * Math.log10(1e-12 + energy / (from + end - to));
    }

    private static EditPlan anywhere(EditAnalysis a, long length, List<String> notes) {
        int rate = a.sampleRate();
        long end = a.musicEndFrame();
        long surplus = end - length;
        int crossfade = (int) Math.round(FREE_CROSSFADE_SECONDS * rate);
        long span = rate;
        long halfWindow = rate / 10;
        double trackDb = a.levelDb(0, end);
        long minOpening = Math.max(crossfade, Math.min(Math.max(rate, (long) (0.15 * length)), length / 2));
        long minEnding = Math.max(crossfade, Math.min(Math.max(2L * rate, (long) (0.25 * length)), length - minOpening));
        long hop = a.features().hopFrames();
        long bestFrom = -1;
        double bestScore = Double.NEGATIVE_INFINITY;
        double bestMatch = 0;
        for (long from = minOpening; from + surplus <= end - minEnding; from += hop) {
            long to = from + surplus;
            double match = a.joinScore(from, to, span);
            double level = 0.5 * (a.levelDb(from - halfWindow, from + halfWindow) + a.levelDb(to - halfWindow, to + halfWindow));
            double quiet = Math.max(0, Math.min(1, (trackDb - level) / 20));
            double score = 0.7 * match + 0.3 * quiet;
            if (score > bestScore) {
                bestScore = score;
                bestMatch = match;
                bestFrom = from;
            }
        }
        if (bestFrom < 0) {
            bestFrom = Math.max(crossfade, length / 2);
            bestMatch = a.joinScore(bestFrom, bestFrom + surplus, span);
        }
        return twoSegments(a, length, bestFrom, bestFrom + surplus, crossfade, bestMatch, notes);
    }

    private static EditPlan twoSegments(EditAnalysis a, long length, long from, long to, int crossfade, double match, List<String> notes) {
        long end = a.musicEndFrame();
        EditSegment opening = new EditSegment(0, from, 0);
        EditSegment ending = new EditSegment(to, end, from);
        EditJoin join = new EditJoin(from, from, to, crossfade, round(match));
        return new EditPlan(EditKind.CUTDOWN, a.sampleRate(), a.sourceFrames(), end, length,
                List.of(opening, ending), List.of(join), null, 0, 0, a.downbeatFrames(), notes);
    }

    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
