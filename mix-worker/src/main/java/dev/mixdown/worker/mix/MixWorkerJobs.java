package dev.mixdown.worker.mix;

import dev.mixdown.jobs.contracts.JobMessage;
import dev.mixdown.jobs.worker.JobException;
import dev.mixdown.jobs.worker.JobProcessor;
import dev.mixdown.jobs.worker.WorkContext;
import dev.mixdown.worker.packaging.PackagePartProcessor;

/** Everything on the mix topics: mix jobs, and the parts of package jobs (which travel there too). */
public final class MixWorkerJobs implements JobProcessor {
    private final JobProcessor mixes = new MixJobProcessor();
    private final JobProcessor parts = new PackagePartProcessor();

    @Override
    public Result process(JobMessage job, WorkContext context) throws JobException, InterruptedException {
        return (job.part() == null ? mixes : parts).process(job, context);
    }
}
