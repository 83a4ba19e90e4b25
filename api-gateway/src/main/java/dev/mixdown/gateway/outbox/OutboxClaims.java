package dev.mixdown.gateway.outbox;

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

    /** Interactive topics before the rest; see {@link dev.mixdown.jobs.contracts.Topics#jobs}. */
    private static final String INTERACTIVE_FIRST = "case when topic like '%.interactive' then 0 else 1 end";

    /**
     * The rows a round considers: each tenant's first {@code ?1} pending rows in its own order
     * (rushed, then interactive, then oldest), then across tenants turn by turn ({@code rn}), so one
     * tenant's flood of old rows never keeps another tenant's new row out of the claim.
     */
    static final String CLAIM = "select * from outbox where id in (select id from ("
            + " select id, row_number() over (partition by tenant_id order by priority desc, " + INTERACTIVE_FIRST + ", id) rn,"
            + " priority, topic from outbox where dispatched_at is null) ranked"
            + " where rn <= ?1 order by rn, priority desc, " + INTERACTIVE_FIRST + ", id limit ?2)"
            + " for update skip locked";

    /** A round's order among claimed rows: each tenant's own order, as {@link #CLAIM}'s. */
    static final java.util.Comparator<OutboxEntity> TENANT_ORDER = java.util.Comparator
            .comparingInt((OutboxEntity r) -> -r.priority)
            .thenComparingInt(r -> r.topic.endsWith(".interactive") ? 0 : 1)
            .thenComparingLong(r -> r.id);

    /**
     * Claims up to {@code batch} pending rows (skipping rows another replica holds), publishes
     * those whose tenant has fewer than {@code perTenantInFlight} jobs dispatched or running, taking
     * tenants in turn and each tenant's rows in its own order, and marks them dispatched. Lock order is outbox rows, then job rows, here
     * and in cancellation, so the two never deadlock.
     *
     * @return rows published
     */
    @Transactional
    @SuppressWarnings("unchecked")
    public int dispatchBatch(int batch, int perTenantInFlight, Consumer<OutboxEntity> publish) {
        List<OutboxEntity> rows = em.createNativeQuery(CLAIM, OutboxEntity.class)
                .setParameter(1, perTenantInFlight).setParameter(2, batch).getResultList();
        if (rows.isEmpty()) {
            return 0;
        }
        rows = new java.util.ArrayList<>(rows);
        rows.sort(TENANT_ORDER);
        Map<String, Long> inFlight = new HashMap<>();
        for (Object[] r : (List<Object[]>) em.createNativeQuery(
                "select tenant_id, count(*) from job where status in ('DISPATCHED', 'RUNNING') and kind <> 'package'"
                        + " group by tenant_id").getResultList()) {
            inFlight.put((String) r[0], ((Number) r[1]).longValue());
        }
        Map<java.util.UUID, String> statuses = new HashMap<>();
        for (Object[] r : (List<Object[]>) em.createNativeQuery("select id, status from job where id in (?1)")
                .setParameter(1, rows.stream().map(row -> row.jobId).toList()).getResultList()) {
            statuses.put((java.util.UUID) r[0], (String) r[1]);
        }
        // round-robin: each pass takes at most one new job per tenant; a job already out (a
        // re-dispatch after a lost run) goes at once, and one that ended (cancelled) is not published
        int sent = 0;
        boolean progress = true;
        while (progress) {
            progress = false;
            Map<String, Boolean> tookThisPass = new HashMap<>();
            for (OutboxEntity row : rows) {
                String status = statuses.get(row.jobId);
                boolean fresh = JobStatus.QUEUED.name().equals(status);
                if (row.dispatchedAt != null || (fresh && (tookThisPass.containsKey(row.tenantId)
                        || inFlight.getOrDefault(row.tenantId, 0L) >= perTenantInFlight))) {
                    continue;
                }
                if (status != null && JobStatus.valueOf(status).terminal()) {
                    row.dispatchedAt = Instant.now();
                    continue;
                }
                publish.accept(row);
                row.dispatchedAt = Instant.now();
                if (fresh) {
                    // a conditional update, not a read-modify-write: a worker's event may have moved the job on meanwhile
                    em.createNativeQuery("update job set status = 'DISPATCHED', updated_at = ?1 where id = ?2 and status = 'QUEUED'")
                            .setParameter(1, Instant.now()).setParameter(2, row.jobId).executeUpdate();
                    inFlight.merge(row.tenantId, 1L, Long::sum);
                    tookThisPass.put(row.tenantId, true);
                }
                sent++;
                progress = true;
            }
        }
        return sent;
    }
}
