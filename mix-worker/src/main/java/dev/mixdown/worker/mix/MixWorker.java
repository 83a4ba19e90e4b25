package dev.mixdown.worker.mix;

import dev.mixdown.dsp.mix.balance.BalanceModel;
import dev.mixdown.dsp.mix.balance.RoleClassifier;
import dev.mixdown.jobs.contracts.JobKind;
import dev.mixdown.jobs.worker.WorkerProcess;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * The mix worker application: {@link WorkerProcess} wired to Quarkus' start, shutdown (SIGTERM
 * drains) and health endpoints. Configuration: the MIXDOWN_* variables documented in
 * {@link dev.mixdown.jobs.worker.WorkerLauncher}.
 */
@ApplicationScoped
public class MixWorker {
    private final WorkerProcess process = new WorkerProcess(JobKind.MIX, MixWorkerJobs::new);

    void start(@Observes StartupEvent event, MeterRegistry metrics) {
        // the bundled models (about 1.5 MB of trees, a few seconds to read) load here, before the
        // worker is ready, rather than inside the first job's lease
        BalanceModel.bundled();
        RoleClassifier.bundled();
        process.start(metrics);
    }

    void stop(@Observes ShutdownEvent event) {
        process.drain();
    }

    @Produces
    @Liveness
    HealthCheck liveness() {
        return process.liveness();
    }

    @Produces
    @Readiness
    HealthCheck readiness() {
        return process.readiness();
    }
}
