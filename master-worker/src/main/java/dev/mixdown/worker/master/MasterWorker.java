package dev.mixdown.worker.master;

import dev.mixdown.jobs.contracts.JobKind;
import dev.mixdown.jobs.worker.WorkerApplication;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The master worker process: its slots start with the application and drain on shutdown (SIGTERM);
 * health and metrics come from {@link WorkerApplication}. Configuration: the MIXDOWN_* variables
 * documented in {@link dev.mixdown.jobs.worker.WorkerLauncher}.
 */
@ApplicationScoped
public class MasterWorker extends WorkerApplication {
    void start(@Observes StartupEvent event, MeterRegistry metrics) {
        startSlots(JobKind.MASTER, MasterJobProcessor::new, metrics);
    }

    void stop(@Observes ShutdownEvent event) {
        drainSlots();
    }
}
