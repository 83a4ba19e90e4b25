package dev.mixdown.gateway.jobs;

import dev.mixdown.jobs.contracts.JobEvent;
import dev.mixdown.jobs.contracts.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;

/** Worker events applied to job state: which run a job listens to, and the transitions it may make. */
@ApplicationScoped
public class JobStateMachine {
    @Inject
    EntityManager em;

    @Inject
    jakarta.enterprise.event.Event<JobEnded> jobEnded;

    /**
     * Applies a worker event with a monotonic state machine: an event for an older attempt, a
     * repeated or out-of-order event, or any event after a terminal state changes nothing.
     *
     * @return whether the event changed the job
     */
    @Transactional
    public boolean apply(JobEvent e) {
        JobEntity job;
        try {
            job = em.find(JobEntity.class, UUID.fromString(e.jobId()), LockModeType.PESSIMISTIC_WRITE);
        } catch (IllegalArgumentException notUuid) {
            return false;
        }
        if (job == null || !job.tenantId.equals(e.tenantId()) || job.status.terminal() || job.status == JobStatus.QUEUED
                || e.attempt() < job.attempt || (e.attempt() == job.attempt && e.seq() <= job.lastEventSeq)) {
            return false;
        }
        if (e.attempt() > job.attempt) {
            job.attempt = e.attempt();
        }
        job.lastEventSeq = e.seq();
        job.updatedAt = Instant.now();
        switch (e.type()) {
            case STARTED:
                job.status = JobStatus.RUNNING;
                job.progress = 0.0;
                job.stage = "started";
                break;
            case PROGRESS:
                job.status = JobStatus.RUNNING;
                job.progress = e.percent();
                job.stage = e.stage();
                break;
            case SUCCEEDED:
                job.status = JobStatus.SUCCEEDED;
                job.progress = 100.0;
                job.stage = "done";
                job.outputs = new String(Json.write(e.outputs()), java.nio.charset.StandardCharsets.UTF_8);
                job.reportKey = e.report();
                break;
            default:
                if (e.error() != null && e.error().retryable()) {
                    // the worker has queued the next attempt; its events will carry attempt + 1
                    job.status = JobStatus.DISPATCHED;
                    job.attempt = e.attempt() + 1;
                    job.lastEventSeq = -1;
                    job.stage = "retrying after " + e.error().code();
                } else {
                    job.status = JobStatus.FAILED;
                    job.errorCode = e.error() == null ? "FAILED" : e.error().code();
                    job.errorMessage = e.error() == null ? null : e.error().message();
                }
        }
        if (job.status.terminal()) {
            jobEnded.fire(new JobEnded(job));
        }
        return true;
    }

}
