package dev.mixdown.gateway.jobs;

import dev.mixdown.gateway.errors.ApiException;
import dev.mixdown.gateway.quotas.Quotas;
import dev.mixdown.jobs.contracts.JobKind;
import dev.mixdown.jobs.contracts.JobMessage;
import dev.mixdown.jobs.contracts.JobRules;
import dev.mixdown.jobs.contracts.Lane;
import dev.mixdown.jobs.contracts.ObjectKeys;
import dev.mixdown.jobs.contracts.ReferenceTrack;
import dev.mixdown.jobs.contracts.RuleViolation;
import dev.mixdown.jobs.contracts.StemInput;
import dev.mixdown.jobs.storage.ObjectStorage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Everything checked before a job is queued: what a worker would refuse is refused here, as a 400
 * whose code names the field ({@link JobRules}, shared with the workers' side), and every file a
 * job names must be an upload of the tenant's. Each distinct file is looked up in the store once
 * per request, and a request may name at most {@link #MAX_FILES_PER_REQUEST} of them. Valid jobs over
 * the tenant's plan are refused last ({@link Quotas}).
 */
@ApplicationScoped
public class JobValidator {
    /** Distinct uploaded files one request (a job or a whole batch) may name: each costs a look-up in the store. */
    public static final int MAX_FILES_PER_REQUEST = 2_000;

    @Inject
    ObjectStorage storage;

    @Inject
    Quotas quotas;

    /** One job: the message the workers will get. */
    public JobMessage validate(String tenantId, JobRequest req) {
        if (req == null) {
            throw ApiException.invalid("INVALID_REQUEST", "the body is empty: a job needs at least a kind (mix or master)");
        }
        return validateAll(tenantId, List.of(req), false).get(0);
    }

    /** The jobs of a batch, all valid or none: a refusal names the job ("job 3 of the batch: ..."). */
    public List<JobMessage> validateBatch(String tenantId, List<JobRequest> requests) {
        return validateAll(tenantId, requests, true);
    }

    private List<JobMessage> validateAll(String tenantId, List<JobRequest> requests, boolean batch) {
        List<JobMessage> messages = new ArrayList<>();
        // every file named, with the first job naming it, to look each one up once
        Map<String, Integer> files = new LinkedHashMap<>();
        for (int i = 0; i < requests.size(); i++) {
            try {
                JobMessage m = message(tenantId, requests.get(i));
                for (String key : keysOf(m)) {
                    if (!ObjectKeys.belongsTo(key, tenantId)) {
                        throw unknownKey(key);
                    }
                    files.putIfAbsent(key, i);
                }
                messages.add(m);
            } catch (ApiException e) {
                throw batch ? inBatch(i, e) : e;
            }
        }
        if (files.size() > MAX_FILES_PER_REQUEST) {
            throw ApiException.invalid("TOO_MANY_FILES", "the request names " + files.size() + " distinct uploaded files; one request may name at most "
                    + MAX_FILES_PER_REQUEST + " (split the batch)");
        }
        files.forEach((key, job) -> {
            if (!storage.exists(key)) {
                throw batch ? inBatch(job, unknownKey(key)) : unknownKey(key);
            }
        });
        // last: valid jobs over the tenant's plan are 403 QUOTA_EXCEEDED (in the creating transaction)
        quotas.admit(tenantId, messages);
        return messages;
    }

    /**
     * The plan part of a package (already checked by {@code PackageRules}): every file it names is
     * an upload of the tenant's, and the package fits the tenant's plan, counted as one job.
     */
    public void admitPackage(String tenantId, JobMessage plan) {
        for (String key : keysOf(plan)) {
            if (!ObjectKeys.belongsTo(key, tenantId) || !storage.exists(key)) {
                throw unknownKey(key);
            }
        }
        quotas.admit(tenantId, List.of(plan));
    }

    /** The request as a job message, checked against the rules the workers' engine applies. */
    private static JobMessage message(String tenantId, JobRequest req) {
        if (req == null || req.kind() == null) {
            throw ApiException.invalid("INVALID_REQUEST", "a job needs a kind: mix or master");
        }
        JobKind kind;
        Lane lane;
        try {
            kind = JobKind.valueOf(req.kind().toUpperCase(Locale.ROOT));
            lane = req.lane() == null ? Lane.INTERACTIVE : Lane.valueOf(req.lane().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("INVALID_REQUEST", "kind must be mix or master (or package, on POST /v1/jobs), lane interactive"
                    + " or bulk");
        }
        // a message holds no nulls in its lists: say which element is missing before building one
        noNulls(req.stems(), "stems", RuleViolation.INVALID_STEM);
        noNulls(req.deliverables(), "deliverables", RuleViolation.INVALID_DELIVERABLE);
        noNulls(req.references(), "references", RuleViolation.INVALID_REFERENCE);
        JobMessage m = new JobMessage(JobMessage.SCHEMA_VERSION, UUID.randomUUID().toString(), tenantId, kind, lane, 1, req.input(),
                req.stems(), req.deliverables(), req.profile(), req.amount(), req.references(), Instant.now().toString());
        try {
            JobRules.check(m);
        } catch (RuleViolation e) {
            throw ApiException.invalid(e.code(), e.getMessage());
        }
        return m;
    }

    private static void noNulls(List<?> list, String name, String code) {
        // not list.contains(null): an immutable list (a stored job's, on revision) throws on that question
        for (int i = 0; list != null && i < list.size(); i++) {
            if (list.get(i) == null) {
                throw ApiException.invalid(code, name + "[" + i + "] is null");
            }
        }
    }

    /** The uploaded files a job reads. */
    private static List<String> keysOf(JobMessage m) {
        List<String> keys = new ArrayList<>();
        if (m.input() != null) {
            keys.add(m.input());
        }
        m.stems().stream().map(StemInput::key).forEach(keys::add);
        m.references().stream().map(ReferenceTrack::key).forEach(keys::add);
        if (m.part() != null && m.part().tag() != null) {
            keys.add(m.part().tag());
        }
        return keys;
    }

    private static ApiException unknownKey(String key) {
        return ApiException.invalid("UNKNOWN_KEY", "no uploaded file " + key + " (upload it first, under your tenant's keys)");
    }

    private static ApiException inBatch(int job, ApiException e) {
        return new ApiException(e.status(), e.code(), "job " + job + " of the batch: " + e.getMessage());
    }
}
