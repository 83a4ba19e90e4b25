package dev.mixdown.gateway.background;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;

/** Starts every {@link BackgroundLoop} when the gateway starts and stops each when it shuts down. */
@ApplicationScoped
public class BackgroundLoops {
    /** How long shutdown waits for each loop's thread to end. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    @Inject
    @Any
    Instance<BackgroundLoop> loops;

    void start(@Observes StartupEvent event) {
        for (BackgroundLoop loop : loops) {
            loop.start();
        }
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        for (BackgroundLoop loop : loops) {
            loop.stop(STOP_TIMEOUT);
        }
    }
}
