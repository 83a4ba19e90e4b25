package dev.mixdown.jobs.worker;

import dev.mixdown.jobs.contracts.JobKind;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;

/**
 * The life cycle a worker application (Quarkus) gives its slots: started with the application,
 * published on /q/metrics, drained on shutdown (SIGTERM). The applications extend this as a
 * CDI bean and observe the start and shutdown events; {@link WorkerHealthChecks} reads it.
 */
public abstract class WorkerApplication {
    private volatile WorkerLauncher.Running running;

    /** Starts the slots with the MIXDOWN_* environment documented in {@link WorkerLauncher}. */
    protected final void startSlots(JobKind kind, Supplier<JobProcessor> processors, MeterRegistry metrics) {
        running = WorkerLauncher.start(kind, processors, System.getenv());
        WorkerMetrics.register(metrics, running, kind.id());
    }

    /** Running jobs finish or are handed back within the drain timeout. */
    protected final void drainSlots() {
        if (running != null) {
            running.drain();
        }
    }

    public final boolean live() {
        return running != null && running.live();
    }

    public final boolean ready() {
        return running != null && running.ready();
    }
}
