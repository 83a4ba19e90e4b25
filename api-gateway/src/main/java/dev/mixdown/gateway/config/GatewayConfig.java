package dev.mixdown.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Everything the gateway reads from configuration, prefix {@code mixdown}, with its defaults. */
@ConfigMapping(prefix = "mixdown")
public interface GatewayConfig {

    Kafka kafka();

    Storage storage();

    Dispatcher dispatcher();

    Runs runs();

    /** When set, a tenant "local" with this API key is created at start (the local cluster's first key). */
    Optional<String> bootstrapApiKey();

    interface Kafka {
        /** Kafka bootstrap servers. */
        @WithDefault("localhost:9092")
        String bootstrap();
    }

    interface Storage {
        @WithDefault("http://127.0.0.1:9000")
        String endpoint();

        @WithDefault("mixdown")
        String accessKey();

        @WithDefault("mixdown-secret")
        String secretKey();

        @WithDefault("mixdown")
        String bucket();

        /** Lifetime of presigned upload and download URLs. */
        @WithDefault("3600")
        int urlSeconds();
    }

    /**
     * How long each non-terminal state may last before the reaper acts. QUEUED and DISPATCHED jobs
     * wait their turn (a tenant's share, a busy cluster), so their limits are generous; a RUNNING
     * job must be heard from (workers send an event at least every 5 s) within its lease.
     */
    interface Runs {
        /**
         * A run silent for this long has lost its worker: the job is re-dispatched, or fails
         * LOST_WORKER after {@link #maxLostRuns()} lost runs. Keep it above the workers' Kafka
         * session timeout (45 s by default), so that Kafka's own redelivery usually comes first.
         */
        @WithDefault("60s")
        java.time.Duration lease();

        /** Runs a job may lose before it fails LOST_WORKER. */
        @WithDefault("3")
        int maxLostRuns();

        /** A job QUEUED (not yet published) for this long fails QUEUE_EXPIRED. */
        @WithDefault("24h")
        java.time.Duration queuedMaxAge();

        /** A job DISPATCHED (published, or waiting for a retry) but started by no worker for this long fails NOT_STARTED. */
        @WithDefault("24h")
        java.time.Duration dispatchedMaxAge();

        /** How often the reaper looks for jobs past their limits. */
        @WithDefault("5s")
        java.time.Duration reaperInterval();
    }

    interface Dispatcher {
        /**
         * How often an idle dispatcher looks at the outbox. A job created through this gateway
         * wakes it at once (after the commit); the poll picks up what other replicas left and
         * retries after a failed round.
         */
        @WithDefault("1000")
        long intervalMillis();

        /** Rows claimed per round. */
        @WithDefault("50")
        int batch();

        /** Jobs of one tenant that may be dispatched or running at once; the rest wait their turn. */
        @WithDefault("8")
        int perTenantInFlight();
    }
}
