package dev.mixdown.worker.mix;

import dev.mixdown.jobs.contracts.JobKind;
import dev.mixdown.jobs.worker.WorkerLauncher;

/** The mix worker process; configuration from the environment (see {@link WorkerLauncher}). */
public final class MixWorkerMain {
    private MixWorkerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        WorkerLauncher.run(JobKind.MIX, MixJobProcessor::new);
    }
}
