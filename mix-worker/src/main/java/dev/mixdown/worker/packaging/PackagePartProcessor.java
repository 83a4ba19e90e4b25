package dev.mixdown.worker.packaging;

import dev.mixdown.jobs.contracts.JobMessage;
import dev.mixdown.jobs.worker.JobException;
import dev.mixdown.jobs.worker.JobProcessor;
import dev.mixdown.jobs.worker.WorkContext;

/** A part of a package job (see {@link dev.mixdown.jobs.contracts.PackageStep}): runs its step. */
public final class PackagePartProcessor implements JobProcessor {
    @Override
    public Result process(JobMessage job, WorkContext ctx) throws JobException, InterruptedException {
        if (job.part() == null || job.part().step() == null) {
            throw JobException.badInput("not a package part: the job names no package step", null);
        }
        return switch (job.part().step()) {
            case PLAN -> PlanStep.run(job, ctx);
            case VERSION -> VersionStep.run(job, ctx);
            case ASSEMBLE -> AssembleStep.run(job, ctx);
        };
    }
}
