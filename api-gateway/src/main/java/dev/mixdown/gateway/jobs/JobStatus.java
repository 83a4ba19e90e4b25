package dev.mixdown.gateway.jobs;

/** Where a job is. Terminal states never change again. */
public enum JobStatus {
    QUEUED, DISPATCHED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    public boolean terminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
