package dev.mixdown.jobs.worker;

import dev.mixdown.jobs.contracts.JobKind;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * One worker application's life cycle, the same for every job kind: its slots start with the
 * application, publish their meters, answer liveness and readiness, and drain on shutdown. The
 * worker applications hold one of these and wire it to their framework's start, stop and health
 * hooks; configuration is the MIXDOWN_* environment documented in {@link WorkerLauncher}.
 */
public final class WorkerProcess {
    private final JobKind kind;
    private final Supplier<JobProcessor> processors;
    private volatile WorkerLauncher.Running running;

    public WorkerProcess(JobKind kind, Supplier<JobProcessor> processors) {
        this.kind = kind;
        this.processors = processors;
    }

    /** Starts the configured slots and registers their meters. */
    public synchronized void start(MeterRegistry metrics) {
        if (running == null) {
            running = WorkerLauncher.start(kind, processors, System.getenv(), metrics);
            WorkerMetrics.register(metrics, running, kind.id());
        }
    }

    /** Lets running jobs finish (or hands them back) within the drain timeout; no new jobs start. */
    public void drain() {
        WorkerLauncher.Running r = running;
        if (r != null) {
            r.drain();
        }
    }

    /** Every slot's loop is running. */
    public boolean live() {
        WorkerLauncher.Running r = running;
        return r != null && r.live();
    }

    /** Live and not draining: takes jobs. */
    public boolean ready() {
        WorkerLauncher.Running r = running;
        return r != null && r.ready();
    }

    /** The liveness check: down when a slot's loop has died (restart the process). */
    public HealthCheck liveness() {
        return () -> HealthCheckResponse.named(kind.id() + " worker slots running").status(live()).build();
    }

    /** The readiness check: down before the slots start and while they drain. */
    public HealthCheck readiness() {
        return () -> HealthCheckResponse.named(kind.id() + " worker taking jobs").status(ready()).build();
    }
}
