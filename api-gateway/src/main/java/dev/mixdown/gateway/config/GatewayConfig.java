package dev.mixdown.gateway.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Everything the gateway reads from configuration, prefix {@code mixdown}, with its defaults. */
@ConfigMapping(prefix = "mixdown")
public interface GatewayConfig {

    Kafka kafka();

    Storage storage();

    Dispatcher dispatcher();

    Runs runs();

    Webhooks webhooks();

    Limits limits();

    Admin admin();

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

    /** Webhook endpoints and the sending of their deliveries (docs/webhooks.md). */
    interface Webhooks {
        /**
         * Whether webhook URLs may point at loopback, link-local (the cloud metadata address
         * 169.254.169.254 among them), private (10/8, 172.16/12, 192.168/16, fc00::/7) or
         * unspecified addresses. Off by default: such URLs are refused when registered and
         * again before every send, so a name that later resolves inward is caught too.
         */
        @WithDefault("false")
        boolean allowPrivateTargets();

        /**
         * Hosts (exact names) or address ranges (CIDR, e.g. {@code 10.20.0.0/16}) that are allowed
         * although private, for operators whose receivers live inside their network.
         */
        Optional<List<String>> allowedTargets();

        /**
         * More targets never posted to, as {@code host} or {@code host:port}, besides the
         * cluster's own services, which are always refused: the Kafka bootstrap servers, the
         * object store and the database.
         */
        Optional<List<String>> refusedTargets();

        /** Time to open a connection to a receiver. */
        @WithDefault("10s")
        Duration connectTimeout();

        /** Time a receiver has to answer one delivery, after which the attempt fails as a timeout. */
        @WithDefault("10s")
        Duration requestTimeout();

        /** Deliveries this replica sends at once. */
        @WithDefault("16")
        int senders();

        /** Deliveries of one endpoint in flight at once in this replica, so a slow endpoint takes only its share. */
        @WithDefault("4")
        int perEndpointInFlight();

        /**
         * Delays before the second, third, ... attempt; after the last one the last delay repeats.
         * Each delay is jittered by up to 20 % either way.
         */
        @WithDefault("5s,30s,2m,10m,1h,2h,4h,8h")
        List<Duration> retrySchedule();

        /** How long after the event (or a replay) attempts go on; then the delivery is FAILED. */
        @WithDefault("24h")
        Duration retryFor();

        /** How often an idle sender looks for due deliveries (new events wake it at once). */
        @WithDefault("1s")
        Duration pollInterval();

        /** A claimed delivery is due again after this long if its sender never records the outcome (a replica died). */
        @WithDefault("2m")
        Duration lease();

        /** Endpoints one tenant may register. */
        @WithDefault("20")
        int maxEndpointsPerTenant();
    }

    /**
     * What one request may cost the gateway. Large files belong on presigned URLs
     * ({@code POST /v1/uploads}), which stream through the upload gate to the store without spooling; the streamed upload through the
     * gateway is for small setups and is capped here. {@code quarkus.http.limits.max-body-size}
     * is only the outer bound and must be at least {@link #uploadMaxBytes()}.
     */
    interface Limits {
        /** Largest JSON (or any non-upload) request body; a larger one is refused with 413 BODY_TOO_LARGE before it is read. */
        @WithDefault("1M")
        MemorySize jsonBodyMaxBytes();

        /** Largest file one streamed upload ({@code PUT /v1/uploads/{id}/{file}}) may carry; 413 UPLOAD_TOO_LARGE above. */
        @WithDefault("2G")
        MemorySize uploadMaxBytes();

        /**
         * Bytes of one tenant's streamed uploads that may sit in this gateway's temporary spool at
         * once (uploads in progress); beyond it, 429 UPLOAD_SPOOL_FULL.
         */
        @WithDefault("4G")
        MemorySize uploadSpoolPerTenantBytes();

        /** Bytes all tenants' streamed uploads together may spool on this gateway at once; beyond it, 429 UPLOAD_SPOOL_FULL. */
        @WithDefault("8G")
        MemorySize uploadSpoolTotalBytes();

        /** Files one {@code POST /v1/uploads} may ask slots for; 400 TOO_MANY_FILES above. */
        @WithDefault("256")
        int filesPerUpload();

        /** Jobs one {@code POST /v1/batches} may carry; 400 BATCH_TOO_LARGE above. */
        @WithDefault("1000")
        int jobsPerBatch();
    }

    /** The operator API ({@code /admin}: tenants, plans, API keys; docs/operations.md). */
    interface Admin {
        /** The operator's key ({@code Authorization: Bearer ...} on /admin); unset, the operator API answers 404. */
        Optional<String> apiKey();

        /** The plan a tenant gets when it is created without one. */
        @WithDefault("free")
        String defaultPlan();
    }
}
