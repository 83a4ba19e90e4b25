package dev.mixdown.gateway.outbox;

import dev.mixdown.gateway.jobs.JobEntity;
import dev.mixdown.gateway.jobs.JobStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** One dispatcher round in one transaction: claim rows, publish them fairly across tenants, mark them. */
@ApplicationScoped
public class OutboxClaims {
    @Inject
    EntityManager em;

    /**
     * Claims up to {@code batch} pending rows (skipping rows another replica holds), publishes
     * those whose tenant has fewer than {@code perTenantInFlight} jobs dispatched or running, taking
     * tenants in turn, and marks them dispatched.
     *
     * @return rows published
     */
    @Transactional
    @SuppressWarnings("unchecked")
    public int dispatchBatch(int batch, int perTenantInFlight, Consumer<OutboxEntity> publish) {
        List<OutboxEntity> rows = em.createNativeQuery(
                "select * from outbox where dispatched_at is null order by id limit ?1 for update skip locked", OutboxEntity.class)
                .setParameter(1, batch).getResultList();
        if (rows.isEmpty()) {
            return 0;
        }
        Map<String, Long> inFlight = new HashMap<>();
        for (Object[] r : (List<Object[]>) em.createNativeQuery(
                "select tenant_id, count(*) from job where status in ('DISPATCHED', 'RUNNING') group by tenant_id").getResultList()) {
            inFlight.put((String) r[0], ((Number) r[1]).longValue());
        }
        // round-robin: each pass takes at most one row per tenant
        int sent = 0;
        boolean progress = true;
        while (progress) {
            progress = false;
            Map<String, Boolean> tookThisPass = new HashMap<>();
            for (OutboxEntity row : rows) {
                if (row.dispatchedAt != null || tookThisPass.containsKey(row.tenantId)
                        || inFlight.getOrDefault(row.tenantId, 0L) >= perTenantInFlight) {
                    continue;
                }
                publish.accept(row);
                row.dispatchedAt = Instant.now();
                JobEntity job = em.find(JobEntity.class, row.jobId);
                if (job != null && job.status == JobStatus.QUEUED) {
                    job.status = JobStatus.DISPATCHED;
                    job.updatedAt = Instant.now();
                }
                inFlight.merge(row.tenantId, 1L, Long::sum);
                tookThisPass.put(row.tenantId, true);
                sent++;
                progress = true;
            }
        }
        return sent;
    }
}
