package dev.mixdown.gateway.jobs;

import dev.mixdown.gateway.config.GatewayConfig;
import dev.mixdown.gateway.outbox.OutboxEntity;
import dev.mixdown.gateway.outbox.OutboxWritten;
import dev.mixdown.jobs.contracts.JobMessage;
import dev.mixdown.jobs.contracts.Json;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Acts on jobs past their state's limit ({@link GatewayConfig.Runs}), so that no job waits forever:
 * a RUNNING job whose run lost its lease is published again as the next dispatch (a newer run then
 * supersedes the lost one) or, after too many lost runs, fails {@code LOST_WORKER}; a job QUEUED or
 * DISPATCHED past its maximum age fails with the reason. Rows are claimed with SKIP LOCKED, so
 * gateway replicas share the work, and each action is counted in {@code mixdown.jobs.reaped}.
 */
@ApplicationScoped
public class JobReaper {
    private static final Logger LOG = Logger.getLogger(JobReaper.class);
    private static final int BATCH = 100;

    @Inject
    EntityManager em;

    @Inject
    GatewayConfig config;

    @Inject
    MeterRegistry metrics;

    @Inject
    Event<OutboxWritten> outboxWritten;

    @Inject
    JobEndings endings;

    /** One round at {@code now}; returns the jobs acted on. */
    @Transactional
    public int reap(Instant now) {
        int acted = 0;
        for (JobEntity job : claim("status = 'RUNNING' and coalesce(lease_expires_at, updated_at) < ?1", now)) {
            job.lostRuns++;
            if (job.lostRuns >= config.runs().maxLostRuns()) {
                fail(job, now, "LOST_WORKER", job.lostRuns + " runs of the job lost their worker (no word for "
                        + config.runs().lease().toSeconds() + " s each); not trying again", "lost_worker");
            } else {
                redispatch(job, now);
            }
            acted++;
        }
        for (JobEntity job : claim("status = 'QUEUED' and updated_at < ?1", now.minus(config.runs().queuedMaxAge()))) {
            fail(job, now, "QUEUE_EXPIRED", "the job was not published within " + config.runs().queuedMaxAge(), "queue_expired");
            em.createQuery("update OutboxEntity set dispatchedAt = :now where jobId = :id and dispatchedAt is null")
                    .setParameter("now", now).setParameter("id", job.id).executeUpdate();
            acted++;
        }
        for (JobEntity job : claim("status = 'DISPATCHED' and updated_at < ?1", now.minus(config.runs().dispatchedMaxAge()))) {
            fail(job, now, "NOT_STARTED", "no worker started the job within " + config.runs().dispatchedMaxAge(), "not_started");
            acted++;
        }
        return acted;
    }

    @SuppressWarnings("unchecked")
    private List<JobEntity> claim(String condition, Instant at) {
        // a package is never published: its parts are reaped, and their endings end it
        return em.createNativeQuery("select * from job where " + condition + " and kind <> 'package' order by updated_at limit " + BATCH
                + " for update skip locked", JobEntity.class).setParameter(1, at).getResultList();
    }

    /** Publishes the job again as the next dispatch, at its current attempt; runs of earlier dispatches are ignored from now on. */
    private void redispatch(JobEntity job, Instant now) {
        LOG.warnf("job %s: run %s lost its lease; re-dispatching (lost run %d of %d)", job.id, job.runId, job.lostRuns,
                config.runs().maxLostRuns());
        JobMessage first = Json.read(job.request.getBytes(StandardCharsets.UTF_8), JobMessage.class);
        JobMessage again = first.redispatched(job.dispatch + 1, job.attempt);
        job.dispatch = again.dispatch();
        job.status = JobStatus.DISPATCHED;
        job.follow(null);
        job.leaseExpiresAt = null;
        job.stage = "re-dispatched: its run lost its worker";
        job.updatedAt = now;
        OutboxEntity out = new OutboxEntity();
        out.jobId = job.id;
        out.tenantId = job.tenantId;
        out.topic = again.topic();
        out.payload = new String(Json.write(again), StandardCharsets.UTF_8);
        em.persist(out);
        outboxWritten.fire(new OutboxWritten());
        metrics.counter("mixdown.jobs.reaped", "action", "redispatched").increment();
    }

    private void fail(JobEntity job, Instant now, String code, String message, String action) {
        LOG.warnf("job %s: %s: %s", job.id, code, message);
        endings.failed(job, code, message, now);
        metrics.counter("mixdown.jobs.reaped", "action", action).increment();
    }
}
