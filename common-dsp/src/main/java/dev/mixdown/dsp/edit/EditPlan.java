package dev.mixdown.dsp.edit;

import java.util.List;

/**
 * An edit computed once from a mix and applied by {@link EditRenderer} to any number of signals
 * aligned with it (the mix, or each of its stems): only gains and copies, so cut stems still sum
 * to the cut mix.
 *
 * @param kind                 cutdown, loop or sting
 * @param sampleRate           frames per second of the source
 * @param sourceFrames         length of the source
 * @param musicEndFrame        where the source's music ends (trailing near-silence excluded)
 * @param outputFrames         length of the edit, padding included
 * @param segments             source stretches in output order, contiguous in the output
 * @param joins                one per segment after the first
 * @param wrap                 for a loop: the join from its end back to its start (the tail crossfades into the frames
 *                             leading into the head); null otherwise
 * @param fadeInFrames         a short fade at the very start (a sting starting mid-track), else 0
 * @param fadeOutFrames        a decay at the end of the content (a sting cut short), else 0
 * @param downbeatFrames       the bar grid in frames (empty when none was found)
 * @param notes                what the planner wants the report to say
 */
public record EditPlan(EditKind kind, int sampleRate, long sourceFrames, long musicEndFrame, long outputFrames,
        List<EditSegment> segments, List<EditJoin> joins, EditJoin wrap, int fadeInFrames, int fadeOutFrames,
        long[] downbeatFrames, List<String> notes) {

    public EditPlan {
        segments = List.copyOf(segments);
        downbeatFrames = downbeatFrames.clone();
        joins = List.copyOf(joins);
        notes = List.copyOf(notes);
        if (segments.isEmpty() || joins.size() != segments.size() - 1) {
            throw new IllegalArgumentException("a plan needs segments and one join between each two");
        }
        if (segments.get(segments.size() - 1).outputEndFrame() > outputFrames) {
            throw new IllegalArgumentException("segments run past the edit's length");
        }
    }

    /** Frames of music in the edit; the rest up to {@link #outputFrames()} is digital silence. */
    public long contentFrames() {
        return segments.get(segments.size() - 1).outputEndFrame();
    }

    public long paddingFrames() {
        return outputFrames - contentFrames();
    }

    public boolean hasBarGrid() {
        return downbeatFrames.length >= 2;
    }
}
