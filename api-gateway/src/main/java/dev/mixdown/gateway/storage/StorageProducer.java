package dev.mixdown.gateway.storage;

import dev.mixdown.gateway.config.GatewayConfig;
import dev.mixdown.jobs.storage.ObjectStorage;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

/** The one object-store client of the gateway, from configuration. */
@ApplicationScoped
public class StorageProducer {
    @Inject
    GatewayConfig config;

    @Produces
    @ApplicationScoped
    ObjectStorage storage() {
        GatewayConfig.Storage s = config.storage();
        return new ObjectStorage(s.endpoint(), s.accessKey(), s.secretKey(), s.bucket());
    }

    void close(@Disposes ObjectStorage storage) throws Exception {
        storage.close();
    }

    void ensureBucket(@Observes StartupEvent event, ObjectStorage storage) {
        storage.ensureBucket();
    }
}
