package dev.mixdown.dsp.edit;

import java.util.List;

/**
 * Plans a loop of exactly N bars: the source from one downbeat to the downbeat N bars later
 * (so its length is those bars to the sample), chosen where the end matches the start best
 * (the bars around the end alike the bars around the start, and the first and last beats
 * equally loud). Its last 20 ms crossfade (equal gain) into the frames that lead into its
 * first downbeat, so playing it again and again never clicks. O(bars).
 */
public final class LoopPlanner {
    private LoopPlanner() {
    }

    /**
     * @throws IllegalArgumentException without a bar grid, or when the track has fewer than
     *                                  {@code bars} whole bars
     */
    public static EditPlan plan(EditAnalysis a, int bars) {
        if (bars < 1) {
            throw new IllegalArgumentException("a loop needs at least one bar");
        }
        if (!a.hasBars()) {
            throw new IllegalArgumentException("no bar grid was found: a loop of whole bars needs a steady beat");
        }
        int m = a.downbeatCount();
        int crossfade = (int) Math.round(CutdownPlanner.JOIN_CROSSFADE_SECONDS * a.sampleRate());
        int beatsPerBar = Math.max(1, a.grid().beatsPerBar());
        int best = -1;
        double bestScore = Double.NEGATIVE_INFINITY;
        double bestMatch = 0;
        // the window ends at the last downbeat at the latest, so never in the ring-out
        for (int i = 0; i + bars <= m - 1; i++) {
            long start = a.downbeat(i);
            long end = a.downbeat(i + bars);
            if (start < crossfade) {
                continue;
            }
            long beat = (a.downbeat(i + 1) - start) / beatsPerBar;
            double firstBeat = a.levelDb(start, start + beat);
            double lastBeat = a.levelDb(end - beat, end);
            double match = a.downbeatJoinScore(i + bars, i);
            double score = 0.8 * match + 0.2 * Math.pow(0.5, Math.abs(firstBeat - lastBeat));
            if (score > bestScore) {
                bestScore = score;
                bestMatch = match;
                best = i;
            }
        }
        if (best < 0) {
            throw new IllegalArgumentException(String.format("the track has %d whole bars: too few for a %d-bar loop",
                    m - 1, bars));
        }
        long start = a.downbeat(best);
        long end = a.downbeat(best + bars);
        EditJoin wrap = new EditJoin(end - start, end, start, crossfade, CutdownPlanner.round(bestMatch));
        return new EditPlan(EditKind.LOOP, a.sampleRate(), a.sourceFrames(), a.musicEndFrame(), end - start,
                List.of(new EditSegment(start, end, 0)), List.of(), wrap, 0, 0, a.downbeatFrames(), List.of());
    }
}
