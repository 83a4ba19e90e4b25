package dev.mixdown.gateway.jobs;

import dev.mixdown.gateway.config.GatewayConfig;
import dev.mixdown.gateway.errors.ApiException;
import dev.mixdown.gateway.outbox.OutboxWritten;
import dev.mixdown.gateway.packages.PackageCommands;
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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What a tenant asks of jobs: create (one or a batch), revise, cancel, rush. Each command runs in one
 * transaction, writing the job and its outbox row together, so a job is queued exactly when it exists.
 */
@ApplicationScoped
public class JobCommands {
    @Inject
    EntityManager em;

    @Inject
    JobValidator validator;

    @Inject
    IdempotencyKeys idempotency;

    @Inject
    GatewayConfig config;

    @Inject
    JobQueries queries;

    @Inject
    JobInserts inserts;

    @Inject
    PackageCommands packages;

    @Inject
    JobEndings endings;

    @Inject
    Event<OutboxWritten> outboxWritten;

    /** Endpoints as idempotency keys remember them. */
    static final String CREATE = "POST /v1/jobs";
    static final String BATCH = "POST /v1/batches";
    static final String REVISE = "POST /v1/jobs/{id}/revisions";

    /**
     * Validates, then inserts the job (QUEUED) and its outbox row in one transaction. A retried
     * request with the same idempotency key returns the job the first one created.
     */
    @Transactional
    public JobEntity create(String tenantId, JobRequest req, String idempotencyKey) {
        if (PackageCommands.isPackage(req)) {
            return packages.create(tenantId, CREATE, req, idempotencyKey);
        }
        IdempotencyKeys.Claim claim = idempotency.claim(tenantId, CREATE, idempotencyKey, req);
        if (claim.replay()) {
            return queries.get(tenantId, claim.jobIds().get(0));
        }
        JobEntity job = inserts.queue(tenantId, validator.validate(tenantId, req), null, null);
        idempotency.created(claim, List.of(job.id), null);
        return job;
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
        int max = config.limits().jobsPerBatch();
        if (requests.size() > max) {
            throw ApiException.invalid("BATCH_TOO_LARGE", requests.size() + " jobs; a batch takes at most " + max);
        }
        IdempotencyKeys.Claim claim = idempotency.claim(tenantId, BATCH, idempotencyKey, requests);
        if (claim.replay()) {
            return claim.jobIds().stream().map(id -> queries.get(tenantId, id)).toList();
        }
        List<JobMessage> messages = validator.validateBatch(tenantId, requests);
        UUID batch = UUID.randomUUID();
        List<JobEntity> jobs = new ArrayList<>();
        for (JobMessage message : messages) {
            jobs.add(inserts.queue(tenantId, message, batch, null));
        }
        idempotency.created(claim, jobs.stream().map(j -> j.id).toList(), batch);
        return jobs;
    }

    /** What a revision asks, as its idempotency key remembers it: which job, changed how. */
    record Revision(UUID original, JobRequest changes) {
    }

    /**
     * Re-runs a job with changed settings and the same inputs, as a new job linked to the
     * original: fields given in {@code changes} replace the original's, inputs are never uploaded again.
     */
    @Transactional
    public JobEntity revise(String tenantId, UUID original, JobRequest changes, String idempotencyKey) {
        IdempotencyKeys.Claim claim = idempotency.claim(tenantId, REVISE, idempotencyKey, new Revision(original, changes));
        if (claim.replay()) {
            return queries.get(tenantId, claim.jobIds().get(0));
        }
        JobEntity base = queries.get(tenantId, original);
        if (base.parentId != null || PackageCommands.KIND.equals(base.kind)) {
            throw new ApiException(409, "NOT_REVISABLE", "job " + original + " is a package or a part of one; revising packages is"
                    + " not supported yet (submit the package again)");
        }
        JobMessage old = Json.read(base.request.getBytes(java.nio.charset.StandardCharsets.UTF_8), JobMessage.class);
        JobRequest merged = new JobRequest(old.kind().id(),
                changes != null && changes.lane() != null ? changes.lane() : old.lane().id(),
                old.input(),
                changes != null && changes.stems() != null ? changes.stems() : old.stems(),
                changes != null && changes.deliverables() != null ? changes.deliverables() : old.deliverables(),
                changes != null && changes.profile() != null ? changes.profile() : old.profile(),
                changes != null && changes.amount() != null ? changes.amount() : old.amount(),
                changes != null && changes.references() != null ? changes.references() : old.references());
        JobEntity job = inserts.queue(tenantId, validator.validate(tenantId, merged), base.batchId, base.id);
        idempotency.created(claim, List.of(job.id), null);
        return job;
    }

    /** Cancels a job that has not been dispatched yet. */
    @Transactional
    public JobEntity cancel(String tenantId, UUID id) {
        JobEntity found = queries.get(tenantId, id);
        if (PackageCommands.KIND.equals(found.kind)) {
            return packages.cancel(found);
        }
        JobEntity job = lockQueued(tenantId, id, "NOT_CANCELLABLE", "; only a queued job can be cancelled");
        Instant now = Instant.now();
        em.createQuery("update OutboxEntity set dispatchedAt = :now where jobId = :id and dispatchedAt is null")
                .setParameter("now", now).setParameter("id", id).executeUpdate();
        endings.cancelled(job, now);
        return job;
    }

    /**
     * A rush: a job still waiting in the outbox (QUEUED) goes to the front of its tenant's queue
     * (outbox priority 1) and, if it was bulk, into the interactive lane, which workers serve first.
     * A job already with the workers (DISPATCHED or later) cannot be reordered in Kafka: 409.
     */
    @Transactional
    public JobEntity rush(String tenantId, UUID id) {
        if (PackageCommands.KIND.equals(queries.get(tenantId, id).kind)) {
            throw new ApiException(409, "NOT_RUSHABLE", "job " + id + " is a package: its parts are queued as they become due, and cannot be rushed");
        }
        JobEntity job = lockQueued(tenantId, id, "NOT_RUSHABLE", "; only a queued job can be rushed (a dispatched job is already in a worker queue)");
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

    /** The tenant's job, locked, if it is still QUEUED; else 409 with {@code code} and why ({@code onlyQueued}). */
    private JobEntity lockQueued(String tenantId, UUID id, String code, String onlyQueued) {
        JobEntity job = queries.get(tenantId, id);
        // lock order as the dispatcher's: the job's pending outbox rows, then the job (fresh from the database)
        em.createNativeQuery("select id from outbox where job_id = ?1 and dispatched_at is null for update")
                .setParameter(1, id).getResultList();
        em.refresh(job, LockModeType.PESSIMISTIC_WRITE);
        if (job.status != JobStatus.QUEUED) {
            throw new ApiException(409, code, "job " + id + " is " + job.status + onlyQueued);
        }
        return job;
    }

}
