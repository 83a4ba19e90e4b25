package dev.mixdown.worker.master;

import dev.mixdown.jobs.contracts.JobKind;
import dev.mixdown.jobs.worker.WorkerLauncher;

/** The master worker process; configuration from the environment (see {@link WorkerLauncher}). */
public final class MasterWorkerMain {
    private MasterWorkerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        WorkerLauncher.run(JobKind.MASTER, MasterJobProcessor::new);
    }
}
