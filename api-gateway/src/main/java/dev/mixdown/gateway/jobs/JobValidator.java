package dev.mixdown.gateway.jobs;

import dev.mixdown.gateway.errors.ApiException;
import dev.mixdown.jobs.contracts.DeliverableSpec;
import dev.mixdown.jobs.contracts.DeliveryRules;
import dev.mixdown.jobs.contracts.JobKind;
import dev.mixdown.jobs.contracts.JobMessage;
import dev.mixdown.jobs.contracts.Lane;
import dev.mixdown.jobs.contracts.ObjectKeys;
import dev.mixdown.jobs.contracts.StemInput;
import dev.mixdown.jobs.storage.ObjectStorage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Everything checked before a job is queued: what a worker would refuse is refused here, as a 400 naming the field. */
@ApplicationScoped
public class JobValidator {
    @Inject
    ObjectStorage storage;

    /** Everything checked before anything is queued; the message the workers will get. */
    public JobMessage validate(String tenantId, JobRequest req) {
        if (req == null || req.kind() == null) {
            throw ApiException.invalid("INVALID_REQUEST", "a job needs a kind: mix or master");
        }
        JobKind kind;
        Lane lane;
        try {
            kind = JobKind.valueOf(req.kind().toUpperCase(Locale.ROOT));
            lane = req.lane() == null ? Lane.INTERACTIVE : Lane.valueOf(req.lane().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("INVALID_REQUEST", "kind must be mix or master, lane interactive or bulk");
        }
        List<DeliverableSpec> deliverables = req.deliverables() == null ? List.of() : req.deliverables();
        for (DeliverableSpec d : deliverables) {
            try {
                DeliveryRules.check(d);
                ObjectKeys.output(tenantId, "check", 1, d.name());
            } catch (IllegalArgumentException e) {
                String code = e.getMessage().startsWith("unknown target") ? "UNSUPPORTED_TARGET" : "INVALID_DELIVERABLE";
                throw ApiException.invalid(code, "deliverable " + (d == null ? null : d.name()) + ": " + e.getMessage());
            }
        }
        if (kind == JobKind.MASTER) {
            if (req.input() == null) {
                throw ApiException.invalid("INVALID_REQUEST", "a master job needs an input key");
            }
            if (deliverables.isEmpty()) {
                throw ApiException.invalid("INVALID_REQUEST", "a master job needs at least one deliverable");
            }
            requireKey(tenantId, req.input());
        } else {
            List<StemInput> stems = req.stems() == null ? List.of() : req.stems();
            if (stems.isEmpty()) {
                throw ApiException.invalid("INVALID_REQUEST", "a mix job needs at least one stem");
            }
            if (stems.size() > DeliveryRules.MAX_STEMS) {
                throw ApiException.invalid("TOO_MANY_STEMS", stems.size() + " stems; a mix takes at most " + DeliveryRules.MAX_STEMS);
            }
            for (StemInput s : stems) {
                requireKey(tenantId, s.key());
            }
        }
        for (String ref : req.references() == null ? List.<String>of() : req.references()) {
            int colon = ref.lastIndexOf(':');
            requireKey(tenantId, colon > 0 && ref.substring(colon + 1).matches("[0-9.]+") ? ref.substring(0, colon) : ref);
        }
        return new JobMessage(JobMessage.SCHEMA_VERSION, UUID.randomUUID().toString(), tenantId, kind, lane, 1, req.input(),
                req.stems(), deliverables, req.profile(), req.amount(), req.references(), Instant.now().toString());
    }

    private void requireKey(String tenantId, String key) {
        if (key == null || !ObjectKeys.belongsTo(key, tenantId) || !storage.exists(key)) {
            throw ApiException.invalid("UNKNOWN_KEY", "no uploaded file " + key + " (upload it first, under your tenant's keys)");
        }
    }

}
