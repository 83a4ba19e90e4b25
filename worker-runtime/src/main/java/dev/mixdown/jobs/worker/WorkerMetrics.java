package dev.mixdown.jobs.worker;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** The meters every worker process publishes on /q/metrics, tagged with its job kind. */
public final class WorkerMetrics {
    private WorkerMetrics() {
    }

    public static void register(MeterRegistry metrics, WorkerLauncher.Running slots, String kind) {
        FunctionCounter.builder("mixdown.worker.jobs.done", slots, WorkerLauncher.Running::jobsDone)
                .description("Jobs this worker finished").tag("kind", kind).register(metrics);
        Gauge.builder("mixdown.worker.slots", slots, WorkerLauncher.Running::slots)
                .description("Jobs this worker runs at once").tag("kind", kind).register(metrics);
        Gauge.builder("mixdown.worker.slots.busy", slots, WorkerLauncher.Running::busySlots)
                .description("Slots running a job now").tag("kind", kind).register(metrics);
        Gauge.builder("mixdown.worker.ready", slots, s -> s.ready() ? 1 : 0)
                .description("1 while this worker takes jobs, 0 while it drains").tag("kind", kind).register(metrics);
    }
}
