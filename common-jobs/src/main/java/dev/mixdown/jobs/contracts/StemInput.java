package dev.mixdown.jobs.contracts;

/** One stem of a mix job: where it is, and what the user says about it (all but the key optional). */
public record StemInput(String key, String role, String presence, Double pan, String reverb, Double gainDb, Boolean mute) {
    public static StemInput of(String key) {
        return new StemInput(key, null, null, null, null, null, null);
    }
}
