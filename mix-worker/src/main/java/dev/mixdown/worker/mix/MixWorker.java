package dev.mixdown.worker.mix;

import dev.mixdown.jobs.contracts.JobKind;
import dev.mixdown.jobs.worker.WorkerLauncher;
import dev.mixdown.jobs.worker.WorkerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * The mix worker process: its slots start with the application and drain on shutdown
 * (SIGTERM); liveness and readiness follow the slots. Configuration: the MIXDOWN_* variables
 * documented in {@link WorkerLauncher}.
 */
@ApplicationScoped
public class MixWorker {
    private volatile WorkerLauncher.Running running;

    void start(@Observes StartupEvent event, MeterRegistry metrics) {
        running = WorkerLauncher.start(JobKind.MIX, MixJobProcessor::new, System.getenv());
        WorkerMetrics.register(metrics, running, "mix");
    }

    void stop(@Observes ShutdownEvent event) {
        if (running != null) {
            running.drain();
        }
    }

    boolean live() {
        return running != null && running.live();
    }

    boolean ready() {
        return running != null && running.ready();
    }

    @Liveness
    @ApplicationScoped
    static class Live implements HealthCheck {
        private final MixWorker worker;

        Live(MixWorker worker) {
            this.worker = worker;
        }

        @Override
        public HealthCheckResponse call() {
            return HealthCheckResponse.named("worker slots running").status(worker.live()).build();
        }
    }

    @Readiness
    @ApplicationScoped
    static class Ready implements HealthCheck {
        private final MixWorker worker;

        Ready(MixWorker worker) {
            this.worker = worker;
        }

        @Override
        public HealthCheckResponse call() {
            return HealthCheckResponse.named("taking jobs").status(worker.ready()).build();
        }
    }
}
