package dev.mixdown.gateway.jobs;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.mixdown.gateway.errors.ApiException;
import dev.mixdown.jobs.contracts.JobEvent;
import dev.mixdown.jobs.contracts.Json;
import dev.mixdown.jobs.storage.ObjectStorage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Reads of job state, always within one tenant, and the job as the API shows it. */
@ApplicationScoped
public class JobQueries {
    @Inject
    EntityManager em;

    @Inject
    ObjectStorage storage;

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
        // a package's parts are its business: the list shows the package
        String q = "from JobEntity where tenantId = :t and parentId is null" + (statuses.isEmpty() ? "" : " and status in :s")
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
