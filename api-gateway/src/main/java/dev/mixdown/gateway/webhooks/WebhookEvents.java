package dev.mixdown.gateway.webhooks;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.mixdown.gateway.jobs.JobEnded;
import dev.mixdown.gateway.jobs.JobEntity;
import dev.mixdown.jobs.contracts.JobEvent;
import dev.mixdown.jobs.contracts.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Turns job endings into webhook deliveries, in the transaction that ends the job: a delivery
 * exists exactly when the ending does. One row per subscribed endpoint; the unique index on
 * (endpoint, event, subject) makes a repeat a no-op, never an error that would undo the ending.
 */
@ApplicationScoped
public class WebhookEvents {
    @Inject
    EntityManager em;

    @Inject
    Event<WebhooksQueued> queued;

    /** The body of every delivery, as in the Standard Webhooks spec. */
    public record Payload(String type, String timestamp, Object data) {
    }

    /** A job as a webhook shows it: no download URLs (they expire); {@code href} is the job in the API. */
    public record JobData(String id, String status, String kind, String lane, int attempt, String batchId, String revisionOf,
            List<Output> outputs, Error error, String href) {
    }

    public record Output(String name, long bytes, Double integratedLufs, Double truePeakDbtp) {
    }

    public record Error(String code, String message) {
    }

    /** A batch whose jobs have all ended, with how they ended. */
    public record BatchData(String id, long jobs, long succeeded, long failed, long cancelled, String href) {
    }

    void onJobEnded(@Observes JobEnded ended) {
        JobEntity job = ended.job();
        if (job.parentId != null) {
            return; // a package's parts are announced by the package's own ending
        }
        List<WebhookEndpointEntity> endpoints = em.createQuery("from WebhookEndpointEntity where tenantId = :t", WebhookEndpointEntity.class)
                .setParameter("t", job.tenantId).getResultList();
        if (endpoints.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        EventType type = EventType.ofTerminal(job.status);
        String jobPayload = json(new Payload(type.wireName(), now.toString(), jobData(job)));
        int written = 0;
        for (WebhookEndpointEntity endpoint : endpoints) {
            if (endpoint.wants(type)) {
                written += insert(endpoint, type, job.id, jobPayload, now);
            }
        }
        if (job.batchId != null && endpoints.stream().anyMatch(e -> e.wants(EventType.BATCH_COMPLETED))) {
            written += batchCompleted(job, endpoints, now);
        }
        if (written > 0) {
            queued.fire(new WebhooksQueued());
        }
    }

    /**
     * When this job was the batch's last to end, queues batch.completed. The batch's jobs end in
     * concurrent transactions; without a lock, the last two could each see the other still
     * running and neither would announce the batch. A transaction-scoped advisory lock on the
     * batch orders them: the second counts after the first has committed.
     */
    private int batchCompleted(JobEntity job, List<WebhookEndpointEntity> endpoints, Instant now) {
        em.flush();
        em.createNativeQuery("select 1 from (select pg_advisory_xact_lock(?1)) locked")
                .setParameter(1, job.batchId.getMostSignificantBits() ^ job.batchId.getLeastSignificantBits()).getSingleResult();
        Object[] counts = (Object[]) em.createNativeQuery("select count(*),"
                + " count(*) filter (where status = 'SUCCEEDED'), count(*) filter (where status = 'FAILED'),"
                + " count(*) filter (where status = 'CANCELLED')"
                + " from job where tenant_id = ?1 and batch_id = ?2")
                .setParameter(1, job.tenantId).setParameter(2, job.batchId).getSingleResult();
        long total = ((Number) counts[0]).longValue();
        long succeeded = ((Number) counts[1]).longValue();
        long failed = ((Number) counts[2]).longValue();
        long cancelled = ((Number) counts[3]).longValue();
        if (succeeded + failed + cancelled < total) {
            return 0;
        }
        String payload = json(new Payload(EventType.BATCH_COMPLETED.wireName(), now.toString(), new BatchData(job.batchId.toString(),
                total, succeeded, failed, cancelled, "/v1/jobs?batch=" + job.batchId)));
        int written = 0;
        for (WebhookEndpointEntity endpoint : endpoints) {
            if (endpoint.wants(EventType.BATCH_COMPLETED)) {
                written += insert(endpoint, EventType.BATCH_COMPLETED, job.batchId, payload, now);
            }
        }
        return written;
    }

    private int insert(WebhookEndpointEntity endpoint, EventType type, UUID subject, String payload, Instant now) {
        return em.createNativeQuery("insert into webhook_delivery (id, endpoint_id, tenant_id, event_type, subject_id, payload, status,"
                + " failures, queued_at, next_attempt_at, created_at) values (?1, ?2, ?3, ?4, ?5, ?6, 'PENDING', 0, ?7, ?7, ?7)"
                + " on conflict (endpoint_id, event_type, subject_id) do nothing")
                .setParameter(1, UUID.randomUUID()).setParameter(2, endpoint.id).setParameter(3, endpoint.tenantId)
                .setParameter(4, type.wireName()).setParameter(5, subject).setParameter(6, payload).setParameter(7, now)
                .executeUpdate();
    }

    static JobData jobData(JobEntity job) {
        List<Output> outputs = null;
        if (job.outputs != null) {
            try {
                outputs = Json.MAPPER.readValue(job.outputs, new TypeReference<List<JobEvent.OutputFile>>() { }).stream()
                        .map(f -> new Output(f.name(), f.bytes(), f.integratedLufs(), f.truePeakDbtp())).toList();
            } catch (IOException e) {
                throw new IllegalStateException("stored outputs of job " + job.id + " are not readable", e);
            }
        }
        return new JobData(job.id.toString(), job.status.name(), job.kind, job.lane, job.attempt,
                job.batchId == null ? null : job.batchId.toString(), job.revisionOf == null ? null : job.revisionOf.toString(),
                outputs, job.errorCode == null ? null : new Error(job.errorCode, job.errorMessage), "/v1/jobs/" + job.id);
    }

    private static String json(Payload payload) {
        return new String(Json.write(payload), StandardCharsets.UTF_8);
    }
}
