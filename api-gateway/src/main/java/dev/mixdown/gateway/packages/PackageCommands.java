package dev.mixdown.gateway.packages;

import dev.mixdown.gateway.errors.ApiException;
import dev.mixdown.gateway.jobs.IdempotencyKeys;
import dev.mixdown.gateway.jobs.JobEndings;
import dev.mixdown.gateway.jobs.JobEntity;
import dev.mixdown.gateway.jobs.JobInserts;
import dev.mixdown.gateway.jobs.JobQueries;
import dev.mixdown.gateway.jobs.JobRequest;
import dev.mixdown.gateway.jobs.JobStatus;
import dev.mixdown.gateway.jobs.JobValidator;
import dev.mixdown.jobs.contracts.JobMessage;
import dev.mixdown.jobs.contracts.Lane;
import dev.mixdown.jobs.contracts.PackagePart;
import dev.mixdown.jobs.contracts.PackageRules;
import dev.mixdown.jobs.contracts.RuleViolation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A tenant's package jobs: one job for the client, many parts for the workers. Creating one
 * inserts the package (never published itself) and its PLAN part, with the part's outbox row, in
 * one transaction; {@link PackageParts} queues the later parts as earlier ones succeed.
 */
@ApplicationScoped
public class PackageCommands {
    /** The kind of a package job, as the API and the job table name it. */
    public static final String KIND = "package";

    @Inject
    EntityManager em;

    @Inject
    JobValidator validator;

    @Inject
    IdempotencyKeys idempotency;

    @Inject
    JobInserts inserts;

    @Inject
    JobQueries queries;

    @Inject
    JobEndings endings;

    public static boolean isPackage(JobRequest req) {
        return req != null && req.kind() != null && KIND.equals(req.kind().toLowerCase(Locale.ROOT));
    }

    /**
     * Validates, then inserts the package (QUEUED) and its PLAN part (QUEUED, with its outbox row).
     * A retried request with the same idempotency key on {@code endpoint} returns the package the first created.
     */
    @Transactional
    public JobEntity create(String tenantId, String endpoint, JobRequest req, String idempotencyKey) {
        IdempotencyKeys.Claim claim = idempotency.claim(tenantId, endpoint, idempotencyKey, req);
        if (claim.replay()) {
            return queries.get(tenantId, claim.jobIds().get(0));
        }
        Map<String, Object> spec = spec(req);
        try {
            PackageRules.check(spec, req.input(), req.stems(), req.tag());
        } catch (RuleViolation e) {
            throw ApiException.invalid(e.code(), e.getMessage());
        }
        if (req.deliverables() != null || req.profile() != null || req.amount() != null || req.references() != null) {
            throw ApiException.invalid("INVALID_REQUEST", "a package job takes a preset or spec, metadata and a tag; deliverables,"
                    + " profile, amount and references belong to mix and master jobs");
        }
        UUID packageId = UUID.randomUUID();
        JobMessage plan = JobMessage.packagePart(UUID.randomUUID().toString(), tenantId, lane(req), req.input(), req.stems(),
                PackagePart.plan(packageId.toString(), spec, req.metadata(), req.tag()));
        validator.admitPackage(tenantId, plan);
        JobEntity pkg = inserts.unpublished(tenantId, packageId, KIND, plan);
        PackageParts.progress(pkg, 0, PackageParts.total(plan.part()), Instant.now());
        inserts.queuePart(tenantId, plan, null, null, packageId, plan.part().name());
        idempotency.created(claim, List.of(packageId), null);
        return pkg;
    }

    /** Cancels a package whose PLAN part has not been dispatched yet, with that part. */
    @Transactional
    public JobEntity cancel(JobEntity pkg) {
        List<JobEntity> parts = em.createQuery("from JobEntity where parentId = :p", JobEntity.class).setParameter("p", pkg.id)
                .getResultList();
        // lock order as the dispatcher's: pending outbox rows, then the jobs (the part before its package, as events do)
        em.createNativeQuery("select id from outbox where job_id in (select id from job where parent_id = ?1) and dispatched_at is null"
                + " for update").setParameter(1, pkg.id).getResultList();
        parts.forEach(p -> em.refresh(p, LockModeType.PESSIMISTIC_WRITE));
        em.refresh(pkg, LockModeType.PESSIMISTIC_WRITE);
        if (pkg.status != JobStatus.QUEUED || parts.stream().anyMatch(p -> p.status != JobStatus.QUEUED)) {
            throw new ApiException(409, "NOT_CANCELLABLE", "package " + pkg.id + " is " + pkg.status + " with parts under way; only a"
                    + " package whose parts are all still queued can be cancelled");
        }
        Instant now = Instant.now();
        em.createNativeQuery("update outbox set dispatched_at = ?1 where job_id in (select id from job where parent_id = ?2)"
                + " and dispatched_at is null").setParameter(1, now).setParameter(2, pkg.id).executeUpdate();
        endings.cancelled(pkg, now); // first: a part's ending then finds its package ended, and leaves it so
        parts.forEach(p -> endings.cancelled(p, now));
        return pkg;
    }

    private static Map<String, Object> spec(JobRequest req) {
        Map<String, Object> spec = new LinkedHashMap<>(req.spec() == null ? Map.of() : req.spec());
        if (req.preset() != null) {
            if (spec.containsKey("preset") && !req.preset().equals(spec.get("preset"))) {
                throw ApiException.invalid("INVALID_REQUEST", "preset '" + req.preset() + "' and spec.preset '" + spec.get("preset")
                        + "' differ; give one");
            }
            spec.put("preset", req.preset());
        }
        if (spec.isEmpty()) {
            throw ApiException.invalid("INVALID_REQUEST", "a package job needs a preset (sync-library, beat-store, streaming) or a spec");
        }
        return spec;
    }

    private static Lane lane(JobRequest req) {
        try {
            return req.lane() == null ? Lane.INTERACTIVE : Lane.valueOf(req.lane().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("INVALID_REQUEST", "lane must be interactive or bulk");
        }
    }
}
