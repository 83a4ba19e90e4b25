package dev.mixdown.gateway.jobs;

import dev.mixdown.gateway.errors.ApiException;
import dev.mixdown.gateway.outbox.OutboxEntity;
import dev.mixdown.jobs.contracts.JobMessage;
import dev.mixdown.jobs.contracts.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What a tenant asks of jobs: create (one or a batch), revise, cancel. Each command runs in one
 * transaction, writing the job and its outbox row together, so a job is queued exactly when it exists.
 */
@ApplicationScoped
public class JobCommands {
    @Inject
    EntityManager em;

    @Inject
    JobValidator validator;

    @Inject
    JobQueries queries;

    @Inject
    jakarta.enterprise.event.Event<dev.mixdown.gateway.outbox.OutboxWritten> outboxWritten;

    @Inject
    jakarta.enterprise.event.Event<JobEnded> jobEnded;

    /**
     * Validates, then inserts the job (QUEUED) and its outbox row in one transaction. A retried
     * request with the same idempotency key returns the job the first one created.
     */
    @Transactional
    public JobEntity create(String tenantId, JobRequest req, String idempotencyKey) {
        if (idempotencyKey != null) {
            JobEntity existing = byIdempotencyKey(tenantId, idempotencyKey);
            if (existing != null) {
                return existing;
            }
        }
        return insert(tenantId, validator.validate(tenantId, req), idempotencyKey, null, null);
    }

    /**
     * Creates several jobs in one transaction: all are queued, or (one invalid) none is. A retried
     * batch with the same idempotency key returns the jobs of the first.
     */
    @Transactional
    public List<JobEntity> createBatch(String tenantId, List<JobRequest> requests, String idempotencyKey) {
        if (requests == null || requests.isEmpty()) {
            throw ApiException.invalid("INVALID_REQUEST", "a batch needs at least one job");
        }
        if (requests.size() > 1000) {
            throw ApiException.invalid("BATCH_TOO_LARGE", requests.size() + " jobs; a batch takes at most 1000");
        }
        if (idempotencyKey != null) {
            JobEntity first = byIdempotencyKey(tenantId, idempotencyKey + "#0");
            if (first != null) {
                return em.createQuery("from JobEntity where tenantId = :t and batchId = :b order by idempotencyKey", JobEntity.class)
                        .setParameter("t", tenantId).setParameter("b", first.batchId).getResultList();
            }
        }
        List<JobMessage> messages = validator.validateBatch(tenantId, requests);
        UUID batch = UUID.randomUUID();
        List<JobEntity> jobs = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            jobs.add(insert(tenantId, messages.get(i), idempotencyKey == null ? null : idempotencyKey + "#" + i, batch, null));
        }
        return jobs;
    }

    /**
     * Re-runs a job with changed settings and the same inputs, as a new job linked to the
     * original: fields given in {@code changes} replace the original's, inputs are never uploaded again.
     */
    @Transactional
    public JobEntity revise(String tenantId, UUID original, JobRequest changes, String idempotencyKey) {
        if (idempotencyKey != null) {
            JobEntity existing = byIdempotencyKey(tenantId, idempotencyKey);
            if (existing != null) {
                return existing;
            }
        }
        JobEntity base = queries.get(tenantId, original);
        JobMessage old = Json.read(base.request.getBytes(java.nio.charset.StandardCharsets.UTF_8), JobMessage.class);
        JobRequest merged = new JobRequest(old.kind().id(),
                changes != null && changes.lane() != null ? changes.lane() : old.lane().id(),
                old.input(),
                changes != null && changes.stems() != null ? changes.stems() : old.stems(),
                changes != null && changes.deliverables() != null ? changes.deliverables() : old.deliverables(),
                changes != null && changes.profile() != null ? changes.profile() : old.profile(),
                changes != null && changes.amount() != null ? changes.amount() : old.amount(),
                changes != null && changes.references() != null ? changes.references() : old.references());
        return insert(tenantId, validator.validate(tenantId, merged), idempotencyKey, base.batchId, base.id);
    }

    private JobEntity insert(String tenantId, JobMessage message, String idempotencyKey, UUID batchId, UUID revisionOf) {
        Instant now = Instant.now();
        JobEntity job = new JobEntity();
        job.id = UUID.fromString(message.jobId());
        job.tenantId = tenantId;
        job.kind = message.kind().id();
        job.lane = message.lane().id();
        job.status = JobStatus.QUEUED;
        job.attempt = 1;
        job.request = new String(Json.write(message), java.nio.charset.StandardCharsets.UTF_8);
        job.idempotencyKey = idempotencyKey;
        job.batchId = batchId;
        job.revisionOf = revisionOf;
        job.createdAt = now;
        job.updatedAt = now;
        em.persist(job);
        OutboxEntity out = new OutboxEntity();
        out.jobId = job.id;
        out.tenantId = tenantId;
        out.topic = message.topic();
        out.payload = job.request;
        em.persist(out);
        outboxWritten.fire(new dev.mixdown.gateway.outbox.OutboxWritten());
        return job;
    }

    private JobEntity byIdempotencyKey(String tenantId, String key) {
        List<JobEntity> found = em.createQuery("from JobEntity where tenantId = :t and idempotencyKey = :k", JobEntity.class)
                .setParameter("t", tenantId).setParameter("k", key).getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    /** Cancels a job that has not been dispatched yet. */
    @Transactional
    public JobEntity cancel(String tenantId, UUID id) {
        JobEntity job = queries.get(tenantId, id);
        // lock order as the dispatcher's: the job's pending outbox rows, then the job (fresh from the database)
        em.createNativeQuery("select id from outbox where job_id = ?1 and dispatched_at is null for update")
                .setParameter(1, id).getResultList();
        em.refresh(job, LockModeType.PESSIMISTIC_WRITE);
        if (job.status != JobStatus.QUEUED) {
            throw new ApiException(409, "NOT_CANCELLABLE", "job " + id + " is " + job.status + "; only a queued job can be cancelled");
        }
        job.status = JobStatus.CANCELLED;
        job.updatedAt = Instant.now();
        em.createQuery("update OutboxEntity set dispatchedAt = :now where jobId = :id and dispatchedAt is null")
                .setParameter("now", Instant.now()).setParameter("id", id).executeUpdate();
        jobEnded.fire(new JobEnded(job));
        return job;
    }

}
