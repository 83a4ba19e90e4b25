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
}
