package dev.mixdown.jobs.worker;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/** /q/health of a worker application: live while every slot loop runs, ready while not draining. */
public final class WorkerHealthChecks {
    private WorkerHealthChecks() {
    }

    @Liveness
    @ApplicationScoped
    public static class Live implements HealthCheck {
        private final WorkerApplication worker;

        public Live(WorkerApplication worker) {
            this.worker = worker;
        }

        @Override
        public HealthCheckResponse call() {
            return HealthCheckResponse.named("worker slots running").status(worker.live()).build();
        }
    }

    @Readiness
    @ApplicationScoped
    public static class Ready implements HealthCheck {
        private final WorkerApplication worker;

        public Ready(WorkerApplication worker) {
            this.worker = worker;
        }

        @Override
        public HealthCheckResponse call() {
            return HealthCheckResponse.named("taking jobs").status(worker.ready()).build();
        }
    }
}
