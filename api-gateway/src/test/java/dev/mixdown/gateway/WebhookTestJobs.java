package dev.mixdown.gateway;

import dev.mixdown.gateway.jobs.JobEntity;
import dev.mixdown.gateway.jobs.JobStateMachine;
import dev.mixdown.gateway.jobs.JobStatus;
import dev.mixdown.jobs.contracts.JobEvent;
import dev.mixdown.jobs.contracts.JobMessage;
import dev.mixdown.jobs.contracts.JobRun;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Jobs for the webhook ITs, without uploads or workers: rows inserted as a worker would find
 * them, then ended the way the gateway ends jobs (worker events through the state machine, or the
 * cancel command), so JobEnded fires from the real code paths.
 */
@ApplicationScoped
public class WebhookTestJobs {
    @Inject
    EntityManager em;

    @Inject
    JobStateMachine stateMachine;

    /** A job in {@code status} (QUEUED is never dispatched: it has no outbox row). */
    @Transactional
    public UUID insert(String tenantId, JobStatus status, UUID batchId) {
        JobEntity job = new JobEntity();
        job.id = UUID.randomUUID();
        job.tenantId = tenantId;
        job.kind = "master";
        job.lane = "interactive";
        job.status = status;
        job.attempt = 1;
        job.request = "{}";
        job.batchId = batchId;
        job.createdAt = Instant.now();
        job.updatedAt = job.createdAt;
        em.persist(job);
        return job.id;
    }

    /** The worker's SUCCEEDED event for a dispatched job. */
    public void succeed(String tenantId, UUID id) {
        end(tenantId, id, JobEvent.Type.SUCCEEDED, null);
    }

    /** The worker's final FAILED event (bad input, not retried). */
    public void fail(String tenantId, UUID id) {
        end(tenantId, id, JobEvent.Type.FAILED, new JobEvent.JobError("BAD_INPUT", "not an audio file", false));
    }

    private void end(String tenantId, UUID id, JobEvent.Type type, JobEvent.JobError error) {
        List<JobEvent.OutputFile> outputs = type == JobEvent.Type.SUCCEEDED
                ? List.of(new JobEvent.OutputFile("out.wav", "tenants/" + tenantId + "/jobs/" + id + "/1/out.wav", 1234, -14.0, -1.0))
                : null;
        // the first run of the job's first dispatch and attempt
        JobRun run = new JobRun(UUID.randomUUID().toString(), 1, 1, 0, 1);
        boolean applied = stateMachine.apply(new JobEvent(JobMessage.SCHEMA_VERSION, UUID.randomUUID().toString(), id.toString(),
                tenantId, 1, 0, type, 100.0, "done", outputs, null, error, "test", Instant.now().toString(), run));
        if (!applied) {
            throw new AssertionError("the state machine did not apply " + type + " to job " + id);
        }
    }
}
