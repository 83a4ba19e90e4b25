package dev.mixdown.gateway.background;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * Health of the gateway's background loops. Readiness is DOWN while any loop is not doing its work
 * (its thread ended, or its rounds fail: the broker or the database is away), so that an operator
 * and the orchestrator see a gateway that cannot dispatch or follow jobs. Liveness is DOWN only when
 * a loop's thread has ended: a restart helps then, not during an outage the loop rides out.
 */
@ApplicationScoped
public class LoopHealth {
    @Inject
    @Any
    Instance<BackgroundLoop> loops;

    @Readiness
    @ApplicationScoped
    public static class Ready implements HealthCheck {
        @Inject
        LoopHealth health;

        @Override
        public HealthCheckResponse call() {
            return health.report("background loops working", true);
        }
    }

    @Liveness
    @ApplicationScoped
    public static class Live implements HealthCheck {
        @Inject
        LoopHealth health;

        @Override
        public HealthCheckResponse call() {
            return health.report("background loops running", false);
        }
    }

    HealthCheckResponse report(String name, boolean requireHealthy) {
        HealthCheckResponseBuilder b = HealthCheckResponse.named(name).up();
        for (BackgroundLoop loop : loops) {
            boolean ok = requireHealthy ? loop.healthy() : loop.live();
            if (!ok) {
                b.down();
            }
            String state = !loop.live() ? "stopped" : loop.healthy() ? "working"
                    : "failing since " + loop.failingSince() + ": " + loop.lastError();
            b.withData(loop.name(), state);
        }
        return b.build();
    }
}
