package dev.mixdown.gateway;

import dev.mixdown.gateway.jobs.JobEntity;
import dev.mixdown.gateway.jobs.JobStatus;
import dev.mixdown.jobs.contracts.JobMessage;
import dev.mixdown.jobs.contracts.Json;
import dev.mixdown.jobs.contracts.Lane;
import dev.mixdown.jobs.contracts.PackagePart;
import dev.mixdown.jobs.contracts.StemInput;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Package rows as the gateway writes them, but without outbox rows: nothing dispatches them, so a test decides their state. */
@ApplicationScoped
public class PackageTestJobs {
    @Inject
    EntityManager em;

    /** A queued package of the main alone, its plan part in {@code planStatus}; answers the package's id. */
    @Transactional
    public UUID insert(String tenantId, JobStatus planStatus) {
        UUID packageId = UUID.randomUUID();
        JobMessage plan = JobMessage.packagePart(UUID.randomUUID().toString(), tenantId, Lane.INTERACTIVE, null,
                List.of(StemInput.of("tenants/" + tenantId + "/uploads/u/vocal.wav")),
                PackagePart.plan(packageId.toString(), Map.of("versions", List.of("main")), null, null));
        em.persist(row(packageId, tenantId, "package", JobStatus.QUEUED, plan, null, null));
        em.persist(row(UUID.fromString(plan.jobId()), tenantId, "mix", planStatus, plan, packageId, "plan"));
        return packageId;
    }

    private static JobEntity row(UUID id, String tenantId, String kind, JobStatus status, JobMessage request, UUID parent, String part) {
        JobEntity job = new JobEntity();
        job.id = id;
        job.tenantId = tenantId;
        job.kind = kind;
        job.lane = "interactive";
        job.status = status;
        job.attempt = 1;
        job.request = new String(Json.write(request), StandardCharsets.UTF_8);
        job.parentId = parent;
        job.part = part;
        job.createdAt = Instant.now();
        job.updatedAt = job.createdAt;
        return job;
    }
}
