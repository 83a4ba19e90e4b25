package dev.mixdown.dsp.edit;

import dev.mixdown.dsp.EngineVersion;
import dev.mixdown.dsp.meter.LoudnessMeter;
import java.util.ArrayList;
import java.util.List;

/**
 * What an edit did: every segment (source frames and bars), every join with its match score,
 * and the edit's integrated loudness against the full track's.
 *
 * @param kind                        cutdown, loop or sting
 * @param sampleRate                  frames per second
 * @param sourceFrames                length of the full track
 * @param musicEndFrame               where the full track's music ends
 * @param outputFrames                length of the edit
 * @param outputSeconds               the same in seconds
 * @param paddingFrames               digital silence at the end of the edit
 * @param barGrid                     whether the edit was cut on a bar grid
 * @param bpm                         tempo of the grid (0 without one)
 * @param beatsPerBar                 meter of the grid (0 without one)
 * @param segments                    source stretches in output order
 * @param joins                       every join (a loop's wrap included) with its match score
 * @param lastDownbeatToEndSeconds    in the edit, from the last downbeat to the end of the music (null without a grid)
 * @param fullTrackLufs               integrated loudness of the full track (null when below the gate)
 * @param editLufs                    integrated loudness of the edit (null when below the gate)
 * @param loudnessDifferenceLu        edit minus full track
 * @param loudnessWithin1Lu           whether the edit is within 1 LU of the full track
 * @param notes                       what the planner noticed (e.g. no bar grid was found)
 * @param engineVersion               the engine that made the edit
 */
public record EditReport(EditKind kind, int sampleRate, long sourceFrames, long musicEndFrame, long outputFrames,
        double outputSeconds, long paddingFrames, boolean barGrid, double bpm, int beatsPerBar, List<Segment> segments,
        List<Join> joins, Double lastDownbeatToEndSeconds, Double fullTrackLufs, Double editLufs,
        Double loudnessDifferenceLu, boolean loudnessWithin1Lu, List<String> notes, String engineVersion) {

    /**
     * One source stretch.
     *
     * @param sourceStartBar bar position of the first frame, 1 at the first downbeat, fractional between downbeats (null without a grid)
     */
    public record Segment(long sourceStartFrame, long sourceEndFrame, Double sourceStartBar, Double sourceEndBar,
            long outputStartFrame, long outputEndFrame) {
    }

    /** One join: where in the edit, from where to where in the source, and how well the music matches there. */
    public record Join(long outputFrame, long fromSourceFrame, long toSourceFrame, Double fromBar, Double toBar,
            int crossfadeFrames, double crossfadeMs, double matchScore, boolean wrap) {
    }

    /** Reports {@code plan}, measuring the loudness of the full {@code mix} and of its rendered {@code edit}. */
    public static EditReport of(EditPlan plan, EditAnalysis analysis, float[][] mix, float[][] edit) {
        long[] downbeats = plan.downbeatFrames();
        boolean grid = plan.hasBarGrid();
        List<Segment> segments = new ArrayList<>();
        for (EditSegment s : plan.segments()) {
            segments.add(new Segment(s.sourceStartFrame(), s.sourceEndFrame(), bar(downbeats, s.sourceStartFrame()),
                    bar(downbeats, s.sourceEndFrame()), s.outputStartFrame(), s.outputEndFrame()));
        }
        List<Join> joins = new ArrayList<>();
        for (EditJoin j : plan.joins()) {
            joins.add(join(plan, downbeats, j, false));
        }
        if (plan.wrap() != null) {
            joins.add(join(plan, downbeats, plan.wrap(), true));
        }
        Double full = integratedLufs(mix, plan.sampleRate());
        Double cut = integratedLufs(edit, plan.sampleRate());
        Double diff = full != null && cut != null ? round(cut - full, 100) : null;
        List<String> notes = new ArrayList<>(plan.notes());
        Double lastDownbeat = lastDownbeatToEnd(plan);
        if (lastDownbeat != null && lastDownbeat > 1.5) {
            notes.add(String.format("the last downbeat lies %.2f s before the end of the music (more than 1.5 s)", lastDownbeat));
        }
        boolean within = diff != null && Math.abs(diff) <= 1.0;
        if (diff != null && !within) {
            notes.add(String.format("the edit's loudness differs from the full track's by %.2f LU", diff));
        }
        return new EditReport(plan.kind(), plan.sampleRate(), plan.sourceFrames(), plan.musicEndFrame(), plan.outputFrames(),
                round((double) plan.outputFrames() / plan.sampleRate(), 1000), plan.paddingFrames(), grid,
                grid ? analysis.grid().bpm() : 0, grid ? analysis.grid().beatsPerBar() : 0, segments, joins, lastDownbeat,
                full == null ? null : round(full, 100), cut == null ? null : round(cut, 100), diff, within, notes, EngineVersion.get());
    }

    private static Join join(EditPlan plan, long[] downbeats, EditJoin j, boolean wrap) {
        return new Join(j.outputFrame(), j.fromSourceFrame(), j.toSourceFrame(), bar(downbeats, j.fromSourceFrame()),
                bar(downbeats, j.toSourceFrame()), j.crossfadeFrames(), round(1000.0 * j.crossfadeFrames() / plan.sampleRate(), 10),
                j.matchScore(), wrap);
    }

    /** Seconds from the last downbeat heard in the edit to the end of its music. */
    private static Double lastDownbeatToEnd(EditPlan plan) {
        long[] d = plan.downbeatFrames();
        if (d.length < 2) {
            return null;
        }
        for (int s = plan.segments().size() - 1; s >= 0; s--) {
            EditSegment seg = plan.segments().get(s);
            for (int i = d.length - 1; i >= 0; i--) {
                if (d[i] >= seg.sourceStartFrame() && d[i] < seg.sourceEndFrame()) {
                    long at = seg.outputStartFrame() + d[i] - seg.sourceStartFrame();
                    return round((double) (plan.contentFrames() - at) / plan.sampleRate(), 1000);
                }
            }
        }
        return null;
    }

    /** Bar position of a frame: 1 at the first downbeat, fractional in between, extrapolated outside. */
    static Double bar(long[] downbeats, long frame) {
        int m = downbeats.length;
        if (m < 2) {
            return null;
        }
        int k;
        if (frame < downbeats[0]) {
            k = 0;
        } else if (frame >= downbeats[m - 1]) {
            k = m - 2;
        } else {
            int lo = 0;
            int hi = m - 1;
            while (hi - lo > 1) {
                int mid = (lo + hi) >>> 1;
                if (downbeats[mid] <= frame) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            k = lo;
        }
        double frac = (double) (frame - downbeats[k]) / (downbeats[k + 1] - downbeats[k]);
        return round(1 + k + frac, 1000);
    }

    /** BS.1770 integrated loudness of planar audio, or null when it lies below the absolute gate. */
    public static Double integratedLufs(float[][] audio, int sampleRate) {
        LoudnessMeter meter = new LoudnessMeter();
        meter.prepare(sampleRate, audio.length);
        meter.accept(audio, 0, audio[0].length);
        return meter.integratedLufs().isPresent() ? meter.integratedLufs().getAsDouble() : null;
    }

    private static double round(double v, double scale) {
        return Math.round(v * scale) / scale;
    }
}
