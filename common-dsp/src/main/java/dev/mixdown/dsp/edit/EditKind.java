package dev.mixdown.dsp.edit;

/** What an edit makes of a track. */
public enum EditKind {
    /** The track shortened to an exact length, its opening and ending kept, whole bars removed from the middle. */
    CUTDOWN,
    /** Exactly N bars that wrap onto themselves. */
    LOOP,
    /** At most 5 s from the track's ending (or its strongest hit). */
    STING
}
