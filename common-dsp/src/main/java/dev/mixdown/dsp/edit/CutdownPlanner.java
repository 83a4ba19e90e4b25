package dev.mixdown.dsp.edit;

import java.util.ArrayList;
import java.util.List;

/**
 * Plans a cutdown to an exact length: the track's opening up to a downbeat, optionally one
 * stretch of whole bars from the body, then the track from a later downbeat to its real ending,
 * unfaded. Every pair of opening and ending downbeats is tried, with and without a middle stretch,
 * among the plans that leave less than one bar to fill with silence; a plan scores by its weakest
 * join (bars before and after each join alike in harmony, timbre and loudness) and loses score for
 * padding, for a second join, and for an integrated loudness (both BS.1770 gates, estimated from the
 * source's gating blocks) more than {@value #LEVEL_TOLERANCE_LU} LU away from the full track's: a
 * quiet intro and ending with too little of the body would drag a short cutdown down. O(bars³) at
 * worst, pruned by the join scores. Without a bar grid the jump goes from a point to the point
 * exactly the surplus later, chosen where both are quiet and alike and the edit keeps the track's
 * loudness.
 */
public final class CutdownPlanner {
    /** The crossfade at a join on a downbeat: 20 ms, short enough to keep the downbeat's attack. */
    static final double JOIN_CROSSFADE_SECONDS = 0.020;
    /** Without a grid the join sits in a quiet spot and can afford a longer crossfade. */
    static final double FREE_CROSSFADE_SECONDS = 0.050;
    /** Leaving more silence at the end costs this much score per bar of padding. */
    private static final double PAD_PENALTY_PER_BAR = 0.1;
    /** A plan with a middle stretch has a second join, and costs this much more. */
    private static final double SECOND_JOIN_PENALTY = 0.03;
    /** An opening of the pickup alone (before the first whole bar) costs this much: the first bar is kept when it can be. */
    private static final double PICKUP_OPENING_PENALTY = 0.2;
    /** The estimate's own error is a few tenths of an LU; beyond this the edit loses score. */
    private static final double LEVEL_TOLERANCE_LU = 0.3;
    private static final double LEVEL_PENALTY_PER_LU = 2.0;

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

    /**
     * Downbeat indices of a plan: the opening plays up to {@code openingEnd}, the middle (when
     * {@code middleStart >= 0}) from {@code middleStart} up to {@code middleEnd}, the ending from
     * {@code endingStart} to the end of the music.
     */
    private record Cut(int openingEnd, int middleStart, int middleEnd, int endingStart, double score) {
        boolean hasMiddle() {
            return middleStart >= 0;
        }
    }

    /** The search over downbeat plans for one track and length; keeps the best plan seen. */
    private static final class DownbeatSearch {
        private final EditAnalysis a;
        private final long length;
        private final long end;
        private final double barFrames;
        private final long maxPad;
        private final double trackLufs;
        private final long[] starts = new long[3];
        private final long[] ends = new long[3];
        private Cut best;

        DownbeatSearch(EditAnalysis a, long length) {
            this.a = a;
            this.length = length;
            this.end = a.musicEndFrame();
            this.barFrames = a.medianBarFrames();
            this.maxPad = a.longestBarFrames();
            this.trackLufs = a.loudness().integratedLufs(0, end);
        }

        /** Tries every plan whose opening ends at a downbeat after the first crossfade. */
        void search(int crossfade) {
            int m = a.downbeatCount();
            for (int i = 0; i < m - 1; i++) {
                if (a.downbeat(i) < crossfade) {
                    continue;
                }
                for (int j = i + 1; j < m; j++) {
                    long budget = length - a.downbeat(i) - (end - a.downbeat(j));
                    if (budget < 0) {
                        continue;
                    }
                    if (budget <= maxPad) {
                        consider(i, -1, -1, j, a.downbeatJoinScore(i, j), budget);
                    }
                    withMiddle(i, j, budget);
                }
            }
        }

        /** Plans that fill {@code budget} frames between opening end i and ending start j with whole bars from between them. */
        private void withMiddle(int i, int j, long budget) {
            int l = i + 1;
            for (int k = i + 1; k < j - 1; k++) {
                l = Math.max(l, k + 1);
                while (l + 1 < j && a.downbeat(l + 1) - a.downbeat(k) <= budget) {
                    l++;
                }
                long middle = a.downbeat(l) - a.downbeat(k);
                if (middle > budget) {
                    break; // a single bar from here on no longer fits
                }
                if (budget - middle <= maxPad) {
                    double match = Math.min(a.downbeatJoinScore(i, k), a.downbeatJoinScore(l, j));
                    consider(i, k, l, j, match - SECOND_JOIN_PENALTY, budget - middle);
                }
            }
        }

        private void consider(int i, int k, int l, int j, double match, long padFrames) {
            double score = match - PAD_PENALTY_PER_BAR * padFrames / barFrames - (i == 0 ? PICKUP_OPENING_PENALTY : 0);
            if (best != null && score <= best.score()) {
                return; // the loudness term only lowers the score
            }
            int ranges = 0;
            starts[ranges] = 0;
            ends[ranges++] = a.downbeat(i);
            if (k >= 0) {
                starts[ranges] = a.downbeat(k);
                ends[ranges++] = a.downbeat(l);
            }
            starts[ranges] = a.downbeat(j);
            ends[ranges++] = end;
            double strayLu = Math.abs(a.loudness().integratedLufs(starts, ends, ranges) - trackLufs);
            score -= LEVEL_PENALTY_PER_LU * Math.max(0, Math.min(20, strayLu) - LEVEL_TOLERANCE_LU);
            if (best == null || score > best.score()) {
                best = new Cut(i, k, l, j, score);
            }
        }
    }

    private static EditPlan onDownbeats(EditAnalysis a, long length, List<String> notes) {
        int crossfade = (int) Math.round(JOIN_CROSSFADE_SECONDS * a.sampleRate());
        DownbeatSearch search = new DownbeatSearch(a, length);
        search.search(crossfade);
        Cut cut = search.best;
        if (cut == null) {
            int m = a.downbeatCount();
            throw new IllegalArgumentException(String.format(
                    "%.2f s cannot hold the track's opening bar and its ending (last bar to the end of the music: %.2f s)",
                    (double) length / a.sampleRate(), (double) (a.musicEndFrame() - a.downbeat(m - 1)) / a.sampleRate()));
        }
        if (!cut.hasMiddle()) {
            return joined(a, length, new long[] {0, a.downbeat(cut.openingEnd()), a.downbeat(cut.endingStart()), a.musicEndFrame()},
                    new double[] {a.downbeatJoinScore(cut.openingEnd(), cut.endingStart())}, crossfade, notes);
        }
        return joined(a, length, new long[] {0, a.downbeat(cut.openingEnd()), a.downbeat(cut.middleStart()),
                a.downbeat(cut.middleEnd()), a.downbeat(cut.endingStart()), a.musicEndFrame()},
                new double[] {a.downbeatJoinScore(cut.openingEnd(), cut.middleStart()), a.downbeatJoinScore(cut.middleEnd(), cut.endingStart())},
                crossfade, notes);
    }

    /**
     * The plan that plays the source ranges {@code [bounds[2r], bounds[2r + 1])} one after another,
     * joined with the given match scores.
     */
    private static EditPlan joined(EditAnalysis a, long length, long[] bounds, double[] matches, int crossfade, List<String> notes) {
        List<EditSegment> segments = new ArrayList<>();
        List<EditJoin> joins = new ArrayList<>();
        long out = 0;
        for (int r = 0; r < bounds.length / 2; r++) {
            long start = bounds[2 * r];
            if (r > 0) {
                joins.add(new EditJoin(out, bounds[2 * r - 1], start, crossfade, round(matches[r - 1])));
            }
            segments.add(new EditSegment(start, bounds[2 * r + 1], out));
            out += bounds[2 * r + 1] - start;
        }
        return new EditPlan(EditKind.CUTDOWN, a.sampleRate(), a.sourceFrames(), a.musicEndFrame(), length,
                segments, joins, null, 0, 0, a.downbeatFrames(), notes);
    }

    private static EditPlan anywhere(EditAnalysis a, long length, List<String> notes) {
        int rate = a.sampleRate();
        long end = a.musicEndFrame();
        long surplus = end - length;
        int crossfade = (int) Math.round(FREE_CROSSFADE_SECONDS * rate);
        long span = rate;
        long halfWindow = rate / 10;
        double trackDb = a.levelDb(0, end);
        double trackLufs = a.loudness().integratedLufs(0, end);
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
            double strayLu = Math.abs(a.loudness().integratedLufs(new long[] {0, to}, new long[] {from, end}, 2) - trackLufs);
            double score = 0.7 * match + 0.3 * quiet - LEVEL_PENALTY_PER_LU * Math.max(0, Math.min(20, strayLu) - LEVEL_TOLERANCE_LU);
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
        return joined(a, length, new long[] {0, bestFrom, bestFrom + surplus, end}, new double[] {bestMatch}, crossfade, notes);
    }

    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
