package dev.mixdown.gateway.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Everything the gateway reads from configuration, prefix {@code mixdown}, with its defaults. */
@ConfigMapping(prefix = "mixdown")
public interface GatewayConfig {

    Kafka kafka();

    Storage storage();

    Dispatcher dispatcher();

    Limits limits();

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

    /**
     * What one request may cost the gateway. Large files belong on presigned URLs
     * ({@code POST /v1/uploads}), which go straight to the store; the streamed upload through the
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
}
