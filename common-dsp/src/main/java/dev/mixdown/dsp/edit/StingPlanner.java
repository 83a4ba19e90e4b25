package dev.mixdown.dsp.edit;

import java.util.ArrayList;
import java.util.List;

/**
 * Plans a sting of at most 5 s. From the track's ending: the earliest downbeat from which the
 * music ends within 5 s, played to its end as written. When the ending is weak (a fade-out, far
 * below the track's level) or rings longer than 5 s from its last downbeat, the sting starts on
 * the track's strongest hit instead (or on that last downbeat) and is shortened with a natural
 * exponential decay to silence. A 5 ms fade-in keeps a start mid-track from clicking.
 */
public final class StingPlanner {
    public static final double MAX_SECONDS = 5.0;
    private static final double FADE_IN_SECONDS = 0.005;
    private static final double DECAY_SECONDS = 1.5;
    /** An ending this far below the track's level is a fade-out, not a sting. */
    private static final double WEAK_ENDING_DB = 15;

    private StingPlanner() {
    }

    public static EditPlan plan(EditAnalysis a) {
        int rate = a.sampleRate();
        long end = a.musicEndFrame();
        long max = Math.min(end, Math.round(MAX_SECONDS * rate));
        List<String> notes = new ArrayList<>();
        if (!a.hasBars()) {
            notes.add("no bar grid was found: the sting starts at a quiet point before the ending");
        }
        long start = -1;
        if (a.hasBars()) {
            for (int i = 0; i < a.downbeatCount(); i++) {
                long d = a.downbeat(i);
                if (end - d <= max && end - d >= rate / 4) {
                    start = d;
                    break;
                }
            }
        } else {
            start = quietestStart(a, end - max, end - (long) (0.6 * max));
        }
        double trackDb = a.levelDb(0, end);
        boolean weak = start >= 0 && a.levelDb(start, end) < trackDb - WEAK_ENDING_DB;
        int decay = 0;
        if (start < 0 || weak) {
            if (weak) {
                notes.add("the ending is a fade-out: the sting takes the track's strongest hit");
                start = strongestHit(a);
            } else {
                notes.add("the last downbeat rings longer than 5 s: the sting decays early");
                start = a.downbeat(a.downbeatCount() - 1);
            }
            if (end - start > max) {
                decay = (int) Math.min(Math.round(DECAY_SECONDS * rate), max / 2);
            }
        }
        long stop = Math.min(end, start + max);
        int fadeIn = start > 0 ? (int) Math.round(FADE_IN_SECONDS * rate) : 0;
        return new EditPlan(EditKind.STING, rate, a.sourceFrames(), end, stop - start,
                List.of(new EditSegment(start, stop, 0)), List.of(), null, fadeIn, decay, a.downbeatFrames(), notes);
    }

    private static long quietestStart(EditAnalysis a, long from, long to) {
        long hop = a.features().hopFrames();
        long half = hop * 2;
        long best = Math.max(0, from);
        double bestDb = Double.POSITIVE_INFINITY;
        for (long f = Math.max(0, from); f <= to; f += hop) {
            double db = a.levelDb(f - half, f + half);
            if (db < bestDb) {
                bestDb = db;
                best = f;
            }
        }
        return best;
    }

    /** The downbeat (or, without a grid, the analysis hop) with the loudest attack: level after it plus its rise. */
    private static long strongestHit(EditAnalysis a) {
        long window = a.sampleRate() / 5;
        long best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        if (a.hasBars()) {
            for (int i = 0; i < a.downbeatCount(); i++) {
                long d = a.downbeat(i);
                double score = hitScore(a, d, window);
                if (score > bestScore) {
                    bestScore = score;
                    best = d;
                }
            }
            return best;
        }
        for (long f = 0; f < a.musicEndFrame(); f += a.features().hopFrames()) {
            double score = hitScore(a, f, window);
            if (score > bestScore) {
                bestScore = score;
                best = f;
            }
        }
        return best;
    }

    private static double hitScore(EditAnalysis a, long at, long window) {
        double after = a.levelDb(at, at + window);
        double before = a.levelDb(at - window, at);
        return after + 0.5 * Math.max(0, after - before);
    }
}
