package dev.mixdown.gateway.outbox;

/**
 * Fired when a transaction writes outbox rows; observed after the commit, so the dispatcher
 * publishes at once instead of at its next poll.
 */
public record OutboxWritten() {
}
