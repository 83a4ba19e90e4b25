package dev.mixdown.gateway.jobs;

/**
 * Fired synchronously, inside the transaction, when a job reaches a terminal state (succeeded,
 * failed, cancelled), exactly once per job: observers (webhooks) write their own rows in the same
 * transaction, so a notification exists exactly when the state change does.
 */
public record JobEnded(JobEntity job) {
}
