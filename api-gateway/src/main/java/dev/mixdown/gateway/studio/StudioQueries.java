package dev.mixdown.gateway.studio;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mixdown.gateway.jobs.JobEntity;
import dev.mixdown.gateway.jobs.JobQueries;
import dev.mixdown.gateway.jobs.JobStatus;
import dev.mixdown.gateway.jobs.JobView;
import dev.mixdown.jobs.contracts.JobKind;
import dev.mixdown.jobs.contracts.JobMessage;
import dev.mixdown.jobs.contracts.Json;
import dev.mixdown.jobs.contracts.StemInput;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Reads for the web app, always within one tenant: job lists with counts and search, and titles. */
@ApplicationScoped
public class StudioQueries {
    /** Jobs a search looks through, newest first. */
    static final int SEARCH_DEPTH = 1000;

    @Inject
    EntityManager em;

    @Inject
    JobQueries jobs;

    /** The tenant's jobs (filtered by status, one or several separated by commas) whose title or id contains {@code search}. */
    public StudioViews.JobList list(String tenantId, String status, String search, int limit) {
        String needle = search == null ? "" : search.trim().toLowerCase(Locale.ROOT);
        List<StudioViews.JobSummary> found = jobs.list(tenantId, status, null, needle.isEmpty() ? limit : SEARCH_DEPTH).stream()
                .map(StudioQueries::summary)
                .filter(s -> needle.isEmpty() || s.title().toLowerCase(Locale.ROOT).contains(needle) || s.id().contains(needle))
                .limit(Math.max(1, limit))
                .toList();
        return new StudioViews.JobList(counts(tenantId), found);
    }

    /** The tenant's number of jobs in each status, every status present (0 when none). */
    public Map<String, Long> counts(String tenantId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (JobStatus s : JobStatus.values()) {
            counts.put(s.name(), 0L);
        }
        // a package counts once, not with its parts
        List<Object[]> rows = em.createQuery("select j.status, count(j) from JobEntity j where j.tenantId = :t and j.parentId is null"
                + " group by j.status", Object[].class).setParameter("t", tenantId).getResultList();
        for (Object[] row : rows) {
            counts.put(((JobStatus) row[0]).name(), (Long) row[1]);
        }
        return counts;
    }

    /** The revisions made of a job, oldest first. */
    public List<StudioViews.JobSummary> revisions(String tenantId, UUID original) {
        return em.createQuery("from JobEntity where tenantId = :t and revisionOf = :o order by createdAt", JobEntity.class)
                .setParameter("t", tenantId).setParameter("o", original).getResultList().stream().map(StudioQueries::summary).toList();
    }

    static StudioViews.JobSummary summary(JobEntity j) {
        return new StudioViews.JobSummary(j.id.toString(), j.kind, j.status.name(), j.progress, j.stage, title(request(j)),
                j.batchId == null ? null : j.batchId.toString(), j.revisionOf == null ? null : j.revisionOf.toString(), j.createdAt,
                j.errorCode == null ? null : new JobView.Error(j.errorCode, j.errorMessage));
    }

    static JobMessage request(JobEntity j) {
        return Json.read(j.request.getBytes(StandardCharsets.UTF_8), JobMessage.class);
    }

    static JsonNode requestTree(JobEntity j) {
        return Json.read(j.request.getBytes(StandardCharsets.UTF_8), JsonNode.class);
    }

    /** What a person calls a job: its input's file name, or its stems' names. */
    static String title(JobMessage m) {
        if (m.kind() == JobKind.MASTER) {
            return fileName(m.input());
        }
        List<String> names = m.stems().stream().map(StemInput::key).map(StudioQueries::fileName).toList();
        String shown = String.join(", ", names.subList(0, Math.min(4, names.size())));
        return names.size() + (names.size() == 1 ? " stem: " : " stems: ") + shown + (names.size() > 4 ? ", …" : "");
    }

    static String fileName(String key) {
        return key == null ? "" : key.substring(key.lastIndexOf('/') + 1);
    }
}
