package dev.mixdown.gateway.jobs;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.mixdown.gateway.errors.ApiException;
import dev.mixdown.gateway.outbox.OutboxEntity;
import dev.mixdown.jobs.contracts.DeliverableSpec;
import dev.mixdown.jobs.contracts.DeliveryRules;
import dev.mixdown.jobs.contracts.JobEvent;
import dev.mixdown.jobs.contracts.JobKind;
import dev.mixdown.jobs.contracts.JobMessage;
import dev.mixdown.jobs.contracts.Json;
import dev.mixdown.jobs.contracts.Lane;
import dev.mixdown.jobs.contracts.ObjectKeys;
import dev.mixdown.jobs.contracts.StemInput;
import dev.mixdown.jobs.storage.ObjectStorage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Job state: creation with its outbox row in one transaction, reads, cancellation, and the event state machine. */
@ApplicationScoped
public class JobService {
    @Inject
    EntityManager em;

    @Inject
    ObjectStorage storage;

    @Inject
    jakarta.enterprise.event.Event<dev.mixdown.gateway.outbox.OutboxWritten> outboxWritten;

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
        return insert(tenantId, validate(tenantId, req), idempotencyKey, null, null);
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
        List<JobMessage> messages = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            try {
                messages.add(validate(tenantId, requests.get(i)));
            } catch (ApiException e) {
                throw new ApiException(e.status(), e.code(), "job " + i + " of the batch: " + e.getMessage());
            }
        }
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
        JobEntity base = get(tenantId, original);
        JobMessage old = Json.read(base.request.getBytes(java.nio.charset.StandardCharsets.UTF_8), JobMessage.class);
        JobRequest merged = new JobRequest(old.kind().id(),
                changes != null && changes.lane() != null ? changes.lane() : old.lane().id(),
                old.input(),
                changes != null && changes.stems() != null ? changes.stems() : old.stems(),
                changes != null && changes.deliverables() != null ? changes.deliverables() : old.deliverables(),
                changes != null && changes.profile() != null ? changes.profile() : old.profile(),
                changes != null && changes.amount() != null ? changes.amount() : old.amount(),
                changes != null && changes.references() != null ? changes.references() : old.references());
        return insert(tenantId, validate(tenantId, merged), idempotencyKey, base.batchId, base.id);
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

    /** Everything checked before anything is queued; the message the workers will get. */
    JobMessage validate(String tenantId, JobRequest req) {
        if (req == null || req.kind() == null) {
            throw ApiException.invalid("INVALID_REQUEST", "a job needs a kind: mix or master");
        }
        JobKind kind;
        Lane lane;
        try {
            kind = JobKind.valueOf(req.kind().toUpperCase(Locale.ROOT));
            lane = req.lane() == null ? Lane.INTERACTIVE : Lane.valueOf(req.lane().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("INVALID_REQUEST", "kind must be mix or master, lane interactive or bulk");
        }
        List<DeliverableSpec> deliverables = req.deliverables() == null ? List.of() : req.deliverables();
        for (DeliverableSpec d : deliverables) {
            try {
                DeliveryRules.check(d);
                ObjectKeys.output(tenantId, "check", 1, d.name());
            } catch (IllegalArgumentException e) {
                String code = e.getMessage().startsWith("unknown target") ? "UNSUPPORTED_TARGET" : "INVALID_DELIVERABLE";
                throw ApiException.invalid(code, "deliverable " + (d == null ? null : d.name()) + ": " + e.getMessage());
            }
        }
        if (kind == JobKind.MASTER) {
            if (req.input() == null) {
                throw ApiException.invalid("INVALID_REQUEST", "a master job needs an input key");
            }
            if (deliverables.isEmpty()) {
                throw ApiException.invalid("INVALID_REQUEST", "a master job needs at least one deliverable");
            }
            requireKey(tenantId, req.input());
        } else {
            List<StemInput> stems = req.stems() == null ? List.of() : req.stems();
            if (stems.isEmpty()) {
                throw ApiException.invalid("INVALID_REQUEST", "a mix job needs at least one stem");
            }
            if (stems.size() > DeliveryRules.MAX_STEMS) {
                throw ApiException.invalid("TOO_MANY_STEMS", stems.size() + " stems; a mix takes at most " + DeliveryRules.MAX_STEMS);
            }
            for (StemInput s : stems) {
                requireKey(tenantId, s.key());
            }
        }
        for (String ref : req.references() == null ? List.<String>of() : req.references()) {
            int colon = ref.lastIndexOf(':');
            requireKey(tenantId, colon > 0 && ref.substring(colon + 1).matches("[0-9.]+") ? ref.substring(0, colon) : ref);
        }
        return new JobMessage(JobMessage.SCHEMA_VERSION, UUID.randomUUID().toString(), tenantId, kind, lane, 1, req.input(),
                req.stems(), deliverables, req.profile(), req.amount(), req.references(), Instant.now().toString());
    }

    private void requireKey(String tenantId, String key) {
        if (key == null || !ObjectKeys.belongsTo(key, tenantId) || !storage.exists(key)) {
            throw ApiException.invalid("UNKNOWN_KEY", "no uploaded file " + key + " (upload it first, under your tenant's keys)");
        }
    }

    /** The job, if it belongs to the tenant: another tenant's job is "not found", never "forbidden". */
    public JobEntity get(String tenantId, UUID id) {
        JobEntity job = em.find(JobEntity.class, id);
        if (job == null || !job.tenantId.equals(tenantId)) {
            throw ApiException.notFound("job " + id);
        }
        return job;
    }

    /**
     * The tenant's jobs, newest first. {@code status} is one status or several separated by
     * commas ({@code QUEUED,RUNNING}); null for all.
     */
    public List<JobEntity> list(String tenantId, String status, UUID batch, int limit) {
        List<JobStatus> statuses = new java.util.ArrayList<>();
        if (status != null) {
            for (String s : status.split(",")) {
                try {
                    statuses.add(JobStatus.valueOf(s.trim().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw ApiException.invalid("INVALID_REQUEST", "unknown status " + s.trim() + " (one of "
                            + java.util.Arrays.toString(JobStatus.values()) + ")");
                }
            }
        }
        String q = "from JobEntity where tenantId = :t" + (statuses.isEmpty() ? "" : " and status in :s")
                + (batch == null ? "" : " and batchId = :b") + " order by createdAt desc";
        var query = em.createQuery(q, JobEntity.class).setParameter("t", tenantId).setMaxResults(Math.min(Math.max(limit, 1), 1000));
        if (batch != null) {
            query.setParameter("b", batch);
        }
        if (!statuses.isEmpty()) {
            query.setParameter("s", statuses);
        }
        return query.getResultList();
    }

    /** Cancels a job that has not been dispatched yet. */
    @Transactional
    public JobEntity cancel(String tenantId, UUID id) {
        JobEntity job = get(tenantId, id);
        em.lock(job, LockModeType.PESSIMISTIC_WRITE);
        if (job.status != JobStatus.QUEUED) {
            throw new ApiException(409, "NOT_CANCELLABLE", "job " + id + " is " + job.status + "; only a queued job can be cancelled");
        }
        job.status = JobStatus.CANCELLED;
        job.updatedAt = Instant.now();
        em.createQuery("update OutboxEntity set dispatchedAt = :now where jobId = :id and dispatchedAt is null")
                .setParameter("now", Instant.now()).setParameter("id", id).executeUpdate();
        return job;
    }

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
        return true;
    }

    /** The job as the API shows it, with presigned download URLs. */
    public JobView view(JobEntity job, int urlSeconds) {
        List<JobView.Output> outputs = new ArrayList<>();
        if (job.outputs != null) {
            try {
                List<JobEvent.OutputFile> files = Json.MAPPER.readValue(job.outputs, new TypeReference<List<JobEvent.OutputFile>>() { });
                for (JobEvent.OutputFile f : files) {
                    outputs.add(new JobView.Output(f.name(), f.bytes(), f.integratedLufs(), f.truePeakDbtp(),
                            storage.presignedGet(f.key(), urlSeconds)));
                }
            } catch (IOException e) {
                throw new IllegalStateException("stored outputs of job " + job.id + " are not readable", e);
            }
        }
        return new JobView(job.id.toString(), job.kind, job.lane, job.status.name(), job.attempt, job.progress, job.stage,
                job.batchId == null ? null : job.batchId.toString(), job.revisionOf == null ? null : job.revisionOf.toString(),
                job.createdAt, job.updatedAt, job.errorCode == null ? null : new JobView.Error(job.errorCode, job.errorMessage), outputs,
                job.reportKey == null ? null : storage.presignedGet(job.reportKey, urlSeconds));
    }

}
