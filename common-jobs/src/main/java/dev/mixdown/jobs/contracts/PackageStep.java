package dev.mixdown.jobs.contracts;

/**
 * The steps of a package job, each run as one or more part jobs on the mix workers: the shared
 * {@code PLAN} once, one {@code VERSION} part per version (in parallel, on any worker), and
 * {@code ASSEMBLE} (manifest and ZIPs) once every version is done.
 */
public enum PackageStep {
    PLAN, VERSION, ASSEMBLE
}
