package dev.mixdown.dsp.edit;

/**
 * Where one segment hands over to the next. The crossfade lies just before the join: over the
 * {@code crossfadeFrames} output frames that end at {@code outputFrame}, the outgoing segment's
 * last frames fade out (equal gain) while the frames leading into {@code toSourceFrame} fade in,
 * so the incoming downbeat itself plays untouched.
 *
 * @param outputFrame     the edit frame where the incoming segment starts
 * @param fromSourceFrame the source frame where the outgoing segment stops (a downbeat with a bar grid)
 * @param toSourceFrame   the source frame where the incoming segment starts (a downbeat with a bar grid)
 * @param crossfadeFrames length of the equal-gain crossfade
 * @param matchScore      0 to 1: how alike the music is on both sides (harmony, timbre, loudness)
 */
public record EditJoin(long outputFrame, long fromSourceFrame, long toSourceFrame, int crossfadeFrames, double matchScore) {
}
