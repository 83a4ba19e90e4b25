package dev.mixdown.jobs.contracts;

/** A delivery target: a name ("spotify") or a custom loudness and ceiling (name "custom"). */
public record TargetSpec(String name, Double lufs, Double ceilingDbtp) {
    public static TargetSpec named(String name) {
        return new TargetSpec(name, null, null);
    }
}
