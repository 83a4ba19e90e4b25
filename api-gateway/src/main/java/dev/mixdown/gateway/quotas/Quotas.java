package dev.mixdown.gateway.quotas;

import dev.mixdown.jobs.contracts.JobMessage;
import dev.mixdown.jobs.contracts.ReferenceTrack;
import dev.mixdown.jobs.contracts.StemInput;
import dev.mixdown.jobs.storage.ObjectStorage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Holds a tenant to its plan when jobs are created. {@link #admit} runs inside the creating
 * transaction and first locks the tenant's row, so two concurrent requests of one tenant are
 * counted one after the other and cannot both slip under a limit.
 */
@ApplicationScoped
public class Quotas {
    static final String JOBS_PER_MONTH = "jobs_per_month";
    static final String CONCURRENT_JOBS = "concurrent_jobs";
    static final String STEMS_PER_JOB = "stems_per_job";
    static final String UPLOAD_BYTES_PER_MONTH = "upload_bytes_per_month";

    @Inject
    EntityManager em;

    @Inject
    Plans plans;

    @Inject
    ObjectStorage storage;

    Clock clock = Clock.systemUTC();

    /**
     * Admits {@code jobs} (all valid) under the tenant's plan or refuses them all with
     * {@link QuotaExceeded}; on admission, records the bytes of uploads named for the first time.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void admit(String tenantId, List<JobMessage> jobs) {
        // serialises admissions per tenant; NO KEY UPDATE, not UPDATE, so that it does not wait on the
        // KEY SHARE locks that inserts referencing the tenant take (an idempotency key row inserted
        // earlier in this transaction, or by a concurrent retry waiting on this one: a deadlock)
        em.createNativeQuery("select id from tenant where id = ?1 for no key update").setParameter(1, tenantId).getResultList();
        Plan plan = plans.ofTenant(tenantId);
        Instant start = monthStart();
        Instant reset = nextMonthStart();
        if (plan.stemsPerJob() != null) {
            for (int i = 0; i < jobs.size(); i++) {
                int stems = jobs.get(i).stems().size();
                if (stems > plan.stemsPerJob()) {
                    throw new QuotaExceeded(STEMS_PER_JOB, stems, plan.stemsPerJob(), null, (jobs.size() > 1 ? "job " + i + " of the batch: " : "")
                            + stems + " stems; plan " + plan.id() + " takes at most " + plan.stemsPerJob() + " per job");
                }
            }
        }
        if (plan.concurrentJobs() != null) {
            long open = unfinishedJobs(tenantId);
            if (open + jobs.size() > plan.concurrentJobs()) {
                throw new QuotaExceeded(CONCURRENT_JOBS, open, plan.concurrentJobs(), null, open + " jobs unfinished" + asking(jobs)
                        + "; plan " + plan.id() + " allows " + plan.concurrentJobs() + " at once (submit again when one ends)");
            }
        }
        if (plan.jobsPerMonth() != null) {
            long used = jobsSince(tenantId, start);
            if (used + jobs.size() > plan.jobsPerMonth()) {
                throw new QuotaExceeded(JOBS_PER_MONTH, used, plan.jobsPerMonth(), reset, used + " of " + plan.jobsPerMonth()
                        + " jobs used this month" + asking(jobs) + " on plan " + plan.id() + "; the count resets " + reset);
            }
        }
        long newBytes = 0;
        Set<String> fresh = uncountedKeys(tenantId, jobs);
        java.util.Map<String, Long> sizes = new java.util.LinkedHashMap<>();
        for (String key : fresh) {
            long size = Math.max(0, storage.size(key));
            sizes.put(key, size);
            newBytes += size;
        }
        if (plan.uploadBytesPerMonth() != null && newBytes > 0) {
            long used = uploadBytesSince(tenantId, start);
            if (used + newBytes > plan.uploadBytesPerMonth()) {
                throw new QuotaExceeded(UPLOAD_BYTES_PER_MONTH, used, plan.uploadBytesPerMonth(), reset, used + " of "
                        + plan.uploadBytesPerMonth() + " upload bytes used this month; these jobs' new files add " + newBytes
                        + " on plan " + plan.id() + "; the count resets " + reset);
            }
        }
        sizes.forEach((key, bytes) -> em.createNativeQuery(
                "insert into upload_usage (tenant_id, object_key, bytes) values (?1, ?2, ?3) on conflict do nothing")
                .setParameter(1, tenantId).setParameter(2, key).setParameter(3, bytes).executeUpdate());
    }

    /** The tenant's use of its plan now. */
    @Transactional
    public Usage usage(String tenantId) {
        Plan plan = plans.ofTenant(tenantId);
        Instant start = monthStart();
        return new Usage(tenantId, plan.id(), start, nextMonthStart(),
                new Usage.Count(jobsSince(tenantId, start), asLong(plan.jobsPerMonth())),
                new Usage.Count(unfinishedJobs(tenantId), asLong(plan.concurrentJobs())),
                new Usage.Count(uploadBytesSince(tenantId, start), plan.uploadBytesPerMonth()),
                plan.stemsPerJob(), new Usage.RateLimit(plan.requestsPerMinute(), plan.burst()));
    }

    Instant monthStart() {
        return YearMonth.now(clock).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    Instant nextMonthStart() {
        return YearMonth.now(clock).plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    private long jobsSince(String tenantId, Instant start) {
        return count("select count(*) from job where tenant_id = ?1 and created_at >= ?2 and parent_id is null", tenantId, start);
    }

    private long unfinishedJobs(String tenantId) {
        return count("select count(*) from job where tenant_id = ?1 and status in ('QUEUED', 'DISPATCHED', 'RUNNING')"
                + " and parent_id is null", tenantId, null);
    }

    private long uploadBytesSince(String tenantId, Instant start) {
        return count("select coalesce(sum(bytes), 0) from upload_usage where tenant_id = ?1 and counted_at >= ?2", tenantId, start);
    }

    private long count(String sql, String tenantId, Instant since) {
        var q = em.createNativeQuery(sql).setParameter(1, tenantId);
        if (since != null) {
            q.setParameter(2, since);
        }
        return ((Number) q.getSingleResult()).longValue();
    }

    @SuppressWarnings("unchecked")
    private Set<String> uncountedKeys(String tenantId, List<JobMessage> jobs) {
        Set<String> keys = new LinkedHashSet<>();
        for (JobMessage m : jobs) {
            if (m.input() != null) {
                keys.add(m.input());
            }
            m.stems().stream().map(StemInput::key).forEach(keys::add);
            m.references().stream().map(ReferenceTrack::key).forEach(keys::add);
        }
        if (!keys.isEmpty()) {
            keys.removeAll(em.createNativeQuery("select object_key from upload_usage where tenant_id = ?1 and object_key in (?2)")
                    .setParameter(1, tenantId).setParameter(2, List.copyOf(keys)).getResultList());
        }
        return keys;
    }

    private static String asking(List<JobMessage> jobs) {
        return jobs.size() == 1 ? "" : " (this batch asks " + jobs.size() + ")";
    }

    private static Long asLong(Integer n) {
        return n == null ? null : n.longValue();
    }
}
