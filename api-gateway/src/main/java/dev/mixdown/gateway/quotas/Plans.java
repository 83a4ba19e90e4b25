package dev.mixdown.gateway.quotas;

import dev.mixdown.gateway.errors.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;

/** The plans table: read by quotas and rate limits, written by the operator API. */
@ApplicationScoped
public class Plans {
    private static final String COLUMNS = "p.id, p.description, p.jobs_per_month, p.concurrent_jobs, p.stems_per_job, "
            + "p.upload_bytes_per_month, p.requests_per_minute, p.burst";

    @Inject
    EntityManager em;

    /** The plan of {@code tenantId}. */
    public Plan ofTenant(String tenantId) {
        List<?> rows = em.createNativeQuery("select " + COLUMNS + " from plan p join tenant t on t.plan_id = p.id where t.id = ?1")
                .setParameter(1, tenantId).getResultList();
        if (rows.isEmpty()) {
            throw ApiException.notFound("tenant " + tenantId);
        }
        return plan((Object[]) rows.get(0));
    }

    public Plan get(String id) {
        List<?> rows = em.createNativeQuery("select " + COLUMNS + " from plan p where p.id = ?1").setParameter(1, id).getResultList();
        if (rows.isEmpty()) {
            throw new ApiException(404, "NOT_FOUND", "no plan " + id + " (GET /admin/plans lists them)");
        }
        return plan((Object[]) rows.get(0));
    }

    @SuppressWarnings("unchecked")
    public List<Plan> list() {
        return ((List<Object[]>) em.createNativeQuery("select " + COLUMNS + " from plan p order by p.id").getResultList())
                .stream().map(Plans::plan).toList();
    }

    /** Creates the plan or replaces its limits; tenants on it are held to the new limits from their next request. */
    @Transactional
    public Plan put(Plan p) {
        if (p.id() == null || !p.id().matches("[a-z0-9][a-z0-9-]{0,63}")) {
            throw ApiException.invalid("INVALID_REQUEST", "a plan id is 1 to 64 lower-case letters, digits and dashes");
        }
        if ((p.requestsPerMinute() == null) != (p.burst() == null)) {
            throw ApiException.invalid("INVALID_REQUEST", "requestsPerMinute and burst go together (both null: no rate limit)");
        }
        em.createNativeQuery("insert into plan (id, description, jobs_per_month, concurrent_jobs, stems_per_job, upload_bytes_per_month,"
                + " requests_per_minute, burst) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) on conflict (id) do update set"
                + " description = excluded.description, jobs_per_month = excluded.jobs_per_month, concurrent_jobs = excluded.concurrent_jobs,"
                + " stems_per_job = excluded.stems_per_job, upload_bytes_per_month = excluded.upload_bytes_per_month,"
                + " requests_per_minute = excluded.requests_per_minute, burst = excluded.burst")
                .setParameter(1, p.id()).setParameter(2, p.description()).setParameter(3, positive(p.jobsPerMonth(), "jobsPerMonth"))
                .setParameter(4, positive(p.concurrentJobs(), "concurrentJobs")).setParameter(5, positive(p.stemsPerJob(), "stemsPerJob"))
                .setParameter(6, positive(p.uploadBytesPerMonth(), "uploadBytesPerMonth"))
                .setParameter(7, positive(p.requestsPerMinute(), "requestsPerMinute")).setParameter(8, positive(p.burst(), "burst"))
                .executeUpdate();
        return get(p.id());
    }

    private static <N extends Number> N positive(N n, String name) {
        if (n != null && n.longValue() < 0) {
            throw ApiException.invalid("INVALID_REQUEST", name + " cannot be negative (null: no limit)");
        }
        return n;
    }

    private static Plan plan(Object[] r) {
        return new Plan((String) r[0], (String) r[1], integer(r[2]), integer(r[3]), integer(r[4]),
                r[5] == null ? null : ((Number) r[5]).longValue(), integer(r[6]), integer(r[7]));
    }

    private static Integer integer(Object o) {
        return o == null ? null : ((Number) o).intValue();
    }
}
