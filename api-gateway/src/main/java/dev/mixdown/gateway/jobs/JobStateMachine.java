package dev.mixdown.gateway.jobs;

import dev.mixdown.gateway.config.GatewayConfig;
import dev.mixdown.jobs.contracts.JobEvent;
import dev.mixdown.jobs.contracts.JobRun;
import dev.mixdown.jobs.contracts.Json;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Worker events applied to job state. A job follows one run at a time, its newest (see
 * {@link JobRun}): an event of a newer run supersedes the run followed so far, an event of an older
 * run, of an earlier dispatch or attempt, a repeat within the run, or anything after a terminal
 * state changes nothing. Events are applied whatever the job's non-terminal state, QUEUED included
 * (a fast worker can answer before the dispatcher has committed). Every applied event renews the
 * run's lease.
 */
@ApplicationScoped
public class JobStateMachine {
    private static final Logger LOG = Logger.getLogger(JobStateMachine.class);

    @Inject
    EntityManager em;

    @Inject
    GatewayConfig config;

    @Inject
    MeterRegistry metrics;

    @Inject
    JobEndings endings;

    /** @return whether the event changed the job */
    @Transactional
    public boolean apply(JobEvent e) {
        JobEntity job;
        try {
            job = em.find(JobEntity.class, UUID.fromString(e.jobId()), LockModeType.PESSIMISTIC_WRITE);
        } catch (IllegalArgumentException notUuid) {
            return false;
        }
        if (job == null || !job.tenantId.equals(e.tenantId()) || job.status.terminal() || e.run() == null) {
            return false;
        }
        if (!follows(job, e)) {
            return false;
        }
        job.lastEventSeq = e.seq();
        Instant now = Instant.now();
        job.updatedAt = now;
        job.leaseExpiresAt = now.plus(config.runs().lease());
        switch (e.type()) {
            case STARTED -> running(job, 0.0, "started");
            case PROGRESS -> running(job, e.percent(), e.stage());
            case HEARTBEAT -> running(job, job.progress, job.stage);
            case SUCCEEDED -> endings.succeeded(job, new String(Json.write(e.outputs()), StandardCharsets.UTF_8), e.report(), now);
            case FAILED -> {
                if (e.error() != null && e.error().retryable()) {
                    // the worker has queued the next attempt; a run of it will be followed when it starts
                    job.status = JobStatus.DISPATCHED;
                    job.attempt = e.attempt() + 1;
                    job.follow(null);
                    job.stage = "retrying after " + e.error().code();
                    job.leaseExpiresAt = null;
                } else {
                    endings.failed(job, e.error() == null ? "FAILED" : e.error().code(),
                            e.error() == null ? null : e.error().message(), now);
                }
            }
        }
        return true;
    }

    /** Whether the job listens to the event's run (switching to it when it is newer) and the event is new within it. */
    private boolean follows(JobEntity job, JobEvent e) {
        JobRun run = e.run();
        if (run.dispatch() < job.dispatch || run.attempt() < job.attempt) {
            return false; // a run of a publication or attempt that has been replaced
        }
        JobRun current = job.run();
        if (run.sameAs(current)) {
            return e.seq() > job.lastEventSeq;
        }
        if (!run.supersedes(current)) {
            metrics.counter("mixdown.jobs.runs.ignored", "reason", "superseded").increment();
            return false;
        }
        if (current != null) {
            LOG.infof("job %s: run %s (start %d) supersedes run %s", job.id, run.id(), run.start(), current.id());
            metrics.counter("mixdown.jobs.runs.superseded").increment();
        }
        job.follow(run);
        job.attempt = run.attempt();
        return true;
    }

    private static void running(JobEntity job, Double percent, String stage) {
        job.status = JobStatus.RUNNING;
        job.progress = percent;
        job.stage = stage;
    }
}
