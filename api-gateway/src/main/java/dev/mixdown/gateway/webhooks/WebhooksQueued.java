package dev.mixdown.gateway.webhooks;

/** Fired when a transaction queues deliveries; observed after the commit, so the sender starts at once. */
public record WebhooksQueued() {
}
