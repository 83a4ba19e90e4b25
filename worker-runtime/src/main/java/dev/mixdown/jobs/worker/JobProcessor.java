package dev.mixdown.jobs.worker;

import dev.mixdown.jobs.contracts.JobEvent;
import dev.mixdown.jobs.contracts.JobMessage;
import java.util.List;

/** What a worker does with one job: the mix or master engine behind the runtime loop. */
@FunctionalInterface
public interface JobProcessor {

    /**
     * Does the job; inputs come from and outputs go to the object store through {@code context}.
     *
     * @throws JobException with a stable code; retryable or not
     */
    Result process(JobMessage job, WorkContext context) throws JobException, InterruptedException;

    /** The delivered files and the object key of the report. */
    record Result(List<JobEvent.OutputFile> outputs, String report) {
    }
}
