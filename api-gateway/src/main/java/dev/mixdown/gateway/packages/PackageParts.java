package dev.mixdown.gateway.packages;

import dev.mixdown.gateway.jobs.JobEnded;
import dev.mixdown.gateway.jobs.JobEndings;
import dev.mixdown.gateway.jobs.JobEntity;
import dev.mixdown.gateway.jobs.JobInserts;
import dev.mixdown.gateway.jobs.JobStatus;
import dev.mixdown.jobs.contracts.JobMessage;
import dev.mixdown.jobs.contracts.Json;
import dev.mixdown.jobs.contracts.PackagePart;
import dev.mixdown.jobs.contracts.PackageRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Moves a package on when one of its parts ends, in the transaction that ends the part (a part
 * ends once: {@link JobEnded}): the PLAN part's success queues one VERSION part per version; the
 * last VERSION part's success queues the ASSEMBLE part; its success ends the package with the
 * ZIPs and manifests. A part that fails for good (after its own retries) fails the package. The
 * package row is locked first, so parts ending at once on two gateways are counted one after the
 * other, and a unique index lets each part exist once whatever the events do.
 */
@ApplicationScoped
public class PackageParts {
    private static final Logger LOG = Logger.getLogger(PackageParts.class);
    static final String PLAN = "plan";
    static final String ASSEMBLE = "assemble";
    static final String VERSION_PREFIX = "version:";

    @Inject
    EntityManager em;

    @Inject
    JobInserts inserts;

    @Inject
    JobEndings endings;

    void onPartEnded(@Observes JobEnded ended) {
        JobEntity part = ended.job();
        if (part.parentId == null) {
            return;
        }
        JobEntity pkg = em.find(JobEntity.class, part.parentId, LockModeType.PESSIMISTIC_WRITE);
        if (pkg == null || pkg.status.terminal()) {
            return; // cancelled, or already failed by another part
        }
        Instant now = Instant.now();
        if (part.status != JobStatus.SUCCEEDED) {
            endings.failed(pkg, "PART_FAILED", "part " + part.part + " " + part.status.name().toLowerCase(java.util.Locale.ROOT)
                    + (part.errorCode == null ? "" : ": " + part.errorCode + ": " + part.errorMessage), now);
            return;
        }
        JobMessage plan = Json.read(pkg.request.getBytes(StandardCharsets.UTF_8), JobMessage.class);
        PackagePart template = plan.part();
        List<JobEntity> parts = em.createQuery("from JobEntity where parentId = :p", JobEntity.class).setParameter("p", pkg.id)
                .getResultList();
        Map<String, JobEntity> byName = parts.stream().collect(Collectors.toMap(p -> p.part, Function.identity()));
        List<String> versions = PackageRules.versions(template.spec());
        if (part.part.equals(ASSEMBLE)) {
            endings.succeeded(pkg, part.outputs, part.reportKey, now);
            return;
        }
        if (part.part.equals(PLAN)) {
            for (String v : versions) {
                queue(pkg, plan, template.version(v, part.reportKey), byName);
            }
        } else if (versions.stream().allMatch(v -> succeeded(byName.get(VERSION_PREFIX + v)))) {
            List<String> reports = versions.stream().map(v -> byName.get(VERSION_PREFIX + v).reportKey).toList();
            queue(pkg, plan, template.assemble(byName.get(PLAN).reportKey, reports), byName);
        }
        pkg.status = JobStatus.RUNNING;
        progress(pkg, (int) parts.stream().filter(PackageParts::succeeded).count(), total(template), now);
    }

    /** Queues a part of {@code pkg} unless it exists already. */
    private void queue(JobEntity pkg, JobMessage plan, PackagePart part, Map<String, JobEntity> existing) {
        if (existing.containsKey(part.name())) {
            LOG.warnf("package %s: part %s exists already; not queued again", pkg.id, part.name());
            return;
        }
        JobMessage m = JobMessage.packagePart(UUID.randomUUID().toString(), pkg.tenantId, plan.lane(), plan.input(), plan.stems(), part);
        inserts.queuePart(pkg.tenantId, m, null, null, pkg.id, part.name());
    }

    private static boolean succeeded(JobEntity part) {
        return part != null && part.status == JobStatus.SUCCEEDED;
    }

    /** Parts of a package: its plan, one per version, its assembly. */
    static int total(PackagePart part) {
        return PackageRules.versions(part.spec()).size() + 2;
    }

    /** Shows the package's parts done of parts total as its progress. */
    static void progress(JobEntity pkg, int done, int total, Instant now) {
        pkg.progress = 100.0 * done / total;
        pkg.stage = done + " of " + total + " parts done";
        pkg.updatedAt = now;
    }
}
