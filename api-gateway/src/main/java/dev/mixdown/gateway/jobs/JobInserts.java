package dev.mixdown.gateway.jobs;

import dev.mixdown.gateway.outbox.OutboxEntity;
import dev.mixdown.gateway.outbox.OutboxWritten;
import dev.mixdown.jobs.contracts.JobMessage;
import dev.mixdown.jobs.contracts.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/** Writes new jobs, in the caller's transaction: a queued job always together with its outbox row. */
@ApplicationScoped
public class JobInserts {
    @Inject
    EntityManager em;

    @Inject
    Event<OutboxWritten> outboxWritten;

    /** Inserts the job (QUEUED) and the outbox row that publishes {@code message}. */
    public JobEntity queue(String tenantId, JobMessage message, UUID batchId, UUID revisionOf) {
        return queuePart(tenantId, message, batchId, revisionOf, null, null);
    }

    /** As {@link #queue}, for a part of the package {@code parentId}. */
    public JobEntity queuePart(String tenantId, JobMessage message, UUID batchId, UUID revisionOf, UUID parentId, String part) {
        JobEntity job = row(tenantId, UUID.fromString(message.jobId()), message.kind().id(), message);
        job.batchId = batchId;
        job.revisionOf = revisionOf;
        job.parentId = parentId;
        job.part = part;
        em.persist(job);
        OutboxEntity out = new OutboxEntity();
        out.jobId = job.id;
        out.tenantId = tenantId;
        out.topic = message.topic();
        out.payload = job.request;
        em.persist(out);
        outboxWritten.fire(new OutboxWritten());
        return job;
    }

    /** Inserts a job that is never published itself (a package, whose parts are): QUEUED, with {@code request} kept. */
    public JobEntity unpublished(String tenantId, UUID id, String kind, JobMessage request) {
        JobEntity job = row(tenantId, id, kind, request);
        em.persist(job);
        return job;
    }

    private static JobEntity row(String tenantId, UUID id, String kind, JobMessage message) {
        Instant now = Instant.now();
        JobEntity job = new JobEntity();
        job.id = id;
        job.tenantId = tenantId;
        job.kind = kind;
        job.lane = message.lane().id();
        job.status = JobStatus.QUEUED;
        job.attempt = 1;
        job.request = new String(Json.write(message), StandardCharsets.UTF_8);
        job.createdAt = now;
        job.updatedAt = now;
        return job;
    }
}
