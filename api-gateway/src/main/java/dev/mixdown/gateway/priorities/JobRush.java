package dev.mixdown.gateway.priorities;

import dev.mixdown.gateway.errors.ApiException;
import dev.mixdown.gateway.jobs.JobEntity;
import dev.mixdown.gateway.jobs.JobQueries;
import dev.mixdown.gateway.jobs.JobStatus;
import dev.mixdown.gateway.outbox.OutboxWritten;
import dev.mixdown.jobs.contracts.JobMessage;
import dev.mixdown.jobs.contracts.Json;
import dev.mixdown.jobs.contracts.Lane;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * A rush: a job still waiting in the gateway's outbox (QUEUED) goes to the front of its tenant's
 * queue (outbox priority 1) and, if it was bulk, into the interactive lane, which workers serve
 * first. A job already with the workers (DISPATCHED or later) cannot be reordered in Kafka: 409.
 */
@ApplicationScoped
public class JobRush {
    @Inject
    EntityManager em;

    @Inject
    JobQueries jobs;

    @Inject
    Event<OutboxWritten> outboxWritten;

    @Transactional
    public JobEntity rush(String tenantId, UUID id) {
        JobEntity job = jobs.get(tenantId, id);
        // lock order as the dispatcher's and cancellation's: the job's pending outbox rows, then the job
        em.createNativeQuery("select id from outbox where job_id = ?1 and dispatched_at is null for update").setParameter(1, id).getResultList();
        em.refresh(job, LockModeType.PESSIMISTIC_WRITE);
        if (job.status != JobStatus.QUEUED) {
            throw new ApiException(409, "NOT_RUSHABLE", "job " + id + " is " + job.status
                    + "; only a queued job can be rushed (a dispatched job is already in a worker queue)");
        }
        JobMessage m = Json.read(job.request.getBytes(StandardCharsets.UTF_8), JobMessage.class).inLane(Lane.INTERACTIVE);
        String payload = new String(Json.write(m), StandardCharsets.UTF_8);
        job.lane = Lane.INTERACTIVE.id();
        job.request = payload;
        job.updatedAt = Instant.now();
        em.createNativeQuery("update job set rushed_at = ?1 where id = ?2").setParameter(1, job.updatedAt).setParameter(2, id).executeUpdate();
        em.createNativeQuery("update outbox set priority = 1, topic = ?1, payload = ?2 where job_id = ?3 and dispatched_at is null")
                .setParameter(1, m.topic()).setParameter(2, payload).setParameter(3, id).executeUpdate();
        outboxWritten.fire(new OutboxWritten());
        return job;
    }
}
