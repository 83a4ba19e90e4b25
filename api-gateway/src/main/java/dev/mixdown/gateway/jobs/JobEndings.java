package dev.mixdown.gateway.jobs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Instant;

/**
 * The one place a job reaches a terminal state (succeeded, failed, cancelled). Whoever ends a job
 * (a worker's event, the reaper, a tenant's cancel) calls one of these inside its transaction with
 * the job row locked; each clears the lease, stamps the time and fires {@link JobEnded} exactly once.
 */
@ApplicationScoped
public class JobEndings {
    @Inject
    Event<JobEnded> jobEnded;

    public void succeeded(JobEntity job, String outputsJson, String reportKey, Instant now) {
        job.progress = 100.0;
        job.stage = "done";
        job.outputs = outputsJson;
        job.reportKey = reportKey;
        end(job, JobStatus.SUCCEEDED, now);
    }

    public void failed(JobEntity job, String code, String message, Instant now) {
        job.errorCode = code;
        job.errorMessage = message;
        end(job, JobStatus.FAILED, now);
    }

    public void cancelled(JobEntity job, Instant now) {
        end(job, JobStatus.CANCELLED, now);
    }

    private void end(JobEntity job, JobStatus status, Instant now) {
        if (job.status.terminal()) {
            throw new IllegalStateException("job " + job.id + " already ended " + job.status);
        }
        if (!status.terminal()) {
            throw new IllegalArgumentException(status + " is not a terminal state");
        }
        job.status = status;
        job.leaseExpiresAt = null;
        job.updatedAt = now;
        jobEnded.fire(new JobEnded(job));
    }
}
