package dev.mixdown.jobs.contracts;

import static dev.mixdown.jobs.contracts.RuleViolation.INVALID_AMOUNT;
import static dev.mixdown.jobs.contracts.RuleViolation.INVALID_DELIVERABLE;
import static dev.mixdown.jobs.contracts.RuleViolation.INVALID_PROFILE;
import static dev.mixdown.jobs.contracts.RuleViolation.INVALID_REFERENCE;
import static dev.mixdown.jobs.contracts.RuleViolation.INVALID_REQUEST;
import static dev.mixdown.jobs.contracts.RuleViolation.INVALID_STEM;
import static dev.mixdown.jobs.contracts.RuleViolation.REFERENCES_NEED_DELIVERABLES;
import static dev.mixdown.jobs.contracts.RuleViolation.TOO_MANY_DELIVERABLES;
import static dev.mixdown.jobs.contracts.RuleViolation.TOO_MANY_REFERENCES;
import static dev.mixdown.jobs.contracts.RuleViolation.TOO_MANY_STEMS;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything a worker's engine would refuse in a job, checked without the engine: the gateway
 * runs these rules before it queues a job, so bad input is a 400 naming the field and never a
 * failed (let alone retried) job. The names and ranges are the engine's
 * ({@code dev.mixdown.dsp.mix.StemRole}, {@code Presence}, {@code ReverbAmount}, {@code StemSpec},
 * {@code dev.mixdown.dsp.master.ToneProfile}, {@code MasterSettings}); a test in worker-runtime
 * proves that both accept and refuse the same values. Whether the named files exist is the
 * caller's business (it needs the store).
 */
public final class JobRules {
    /** Stem roles, as the engine spells them (it also takes any case, and _ for -). */
    public static final List<String> ROLES = List.of("vocal", "backing-vocal", "drums", "kick", "snare", "percussion", "bass", "keys",
            "piano", "synth", "pad", "guitar", "strings", "brass", "woodwind", "fx", "other");
    public static final List<String> PRESENCES = List.of("lead", "normal", "background");
    public static final List<String> REVERBS = List.of("none", "low", "medium", "high");
    /** Tone profiles for mastering. */
    public static final List<String> PROFILES = List.of("neutral", "warm", "bright");
    public static final double MIN_PAN = -1, MAX_PAN = 1;
    public static final double MIN_GAIN_DB = -60, MAX_GAIN_DB = 40;
    public static final double MIN_AMOUNT = 0, MAX_AMOUNT = 100;
    /** Reference weights are relative; above this one reference would drown the others for no gain. */
    public static final double MAX_REFERENCE_WEIGHT = 10;
    /** Deliverables one job may ask for. */
    public static final int MAX_DELIVERABLES = 16;
    /** Reference tracks one job may name. */
    public static final int MAX_REFERENCES = 8;

    private JobRules() {
    }

    /**
     * Checks a whole job (its lists hold no nulls: {@link JobMessage} refuses them); throws a
     * {@link RuleViolation} naming the first bad field, e.g. {@code stems[2] (drums.wav): pan 1.7 is outside -1..1}.
     */
    public static void check(JobMessage job) {
        if (job.kind() == null) {
            throw new RuleViolation(INVALID_REQUEST, "a job needs a kind: mix or master");
        }
        if (job.kind() == JobKind.MASTER) {
            if (job.input() == null || job.input().isBlank()) {
                throw new RuleViolation(INVALID_REQUEST, "a master job needs an input key");
            }
            if (!job.stems().isEmpty()) {
                throw new RuleViolation(INVALID_REQUEST, "a master job masters one input; stems belong to a mix job");
            }
            if (job.deliverables().isEmpty()) {
                throw new RuleViolation(INVALID_REQUEST, "a master job needs at least one deliverable");
            }
        } else {
            if (job.input() != null) {
                throw new RuleViolation(INVALID_REQUEST, "a mix job takes stems, not an input (a master job masters one input)");
            }
            checkStems(job.stems());
            if (!job.references().isEmpty() && job.deliverables().isEmpty()) {
                throw new RuleViolation(REFERENCES_NEED_DELIVERABLES, "references steer mastering: a mix job uses them only when it has"
                        + " deliverables to master its mix to");
            }
        }
        checkDeliverables(job.kind(), job.deliverables());
        checkProfile(job.profile());
        checkAmount(job.amount());
        checkReferences(job.references());
    }

    static void checkStems(List<StemInput> stems) {
        if (stems.isEmpty()) {
            throw new RuleViolation(INVALID_REQUEST, "a mix job needs at least one stem");
        }
        if (stems.size() > DeliveryRules.MAX_STEMS) {
            throw new RuleViolation(TOO_MANY_STEMS, stems.size() + " stems; a mix takes at most " + DeliveryRules.MAX_STEMS);
        }
        for (int i = 0; i < stems.size(); i++) {
            StemInput s = stems.get(i);
            try {
                checkStem(s);
            } catch (RuleViolation e) {
                throw e.at(where("stems", i, s == null ? null : fileName(s.key())));
            }
        }
    }

    /** One stem: a key, and only names and ranges the mix engine takes. */
    public static void checkStem(StemInput s) {
        if (s == null) {
            throw new RuleViolation(INVALID_STEM, "a stem is null");
        }
        if (s.key() == null || s.key().isBlank()) {
            throw new RuleViolation(INVALID_STEM, "a stem needs the key of an uploaded file");
        }
        if (s.role() != null && !ROLES.contains(canonical(s.role()))) {
            throw new RuleViolation(INVALID_STEM, "unknown role '" + s.role() + "' (known: " + String.join(", ", ROLES) + ")");
        }
        if (s.presence() != null && !PRESENCES.contains(canonical(s.presence()))) {
            throw new RuleViolation(INVALID_STEM, "unknown presence '" + s.presence() + "' (known: " + String.join(", ", PRESENCES) + ")");
        }
        if (s.reverb() != null && !REVERBS.contains(canonical(s.reverb()))) {
            throw new RuleViolation(INVALID_STEM, "unknown reverb '" + s.reverb() + "' (known: " + String.join(", ", REVERBS) + ")");
        }
        if (s.pan() != null && !(s.pan() >= MIN_PAN && s.pan() <= MAX_PAN)) {
            throw new RuleViolation(INVALID_STEM, "pan " + s.pan() + " is outside -1 (left)..1 (right)");
        }
        if (s.gainDb() != null && !(s.gainDb() >= MIN_GAIN_DB && s.gainDb() <= MAX_GAIN_DB)) {
            throw new RuleViolation(INVALID_STEM, "gainDb " + s.gainDb() + " is outside -60..40 dB");
        }
    }

    /** At most {@link #MAX_DELIVERABLES}, each valid, and no two writing the same file. */
    static void checkDeliverables(JobKind kind, List<DeliverableSpec> deliverables) {
        if (deliverables.size() > MAX_DELIVERABLES) {
            throw new RuleViolation(TOO_MANY_DELIVERABLES, deliverables.size() + " deliverables; a job delivers at most " + MAX_DELIVERABLES);
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < deliverables.size(); i++) {
            DeliverableSpec d = deliverables.get(i);
            String where = where("deliverables", i, d == null ? null : d.name());
            try {
                DeliveryRules.check(kind, d);
            } catch (RuleViolation e) {
                throw e.at(where);
            }
            // names differing only in case are one file on a case-insensitive disk
            Integer earlier = seen.putIfAbsent(d.name().toLowerCase(Locale.ROOT), i);
            if (earlier != null) {
                throw new RuleViolation(INVALID_DELIVERABLE, where + ": the same file name as deliverables[" + earlier
                        + "]; every deliverable needs its own name");
            }
        }
    }

    public static void checkProfile(String profile) {
        if (profile != null && !PROFILES.contains(canonical(profile))) {
            throw new RuleViolation(INVALID_PROFILE, "unknown tone profile '" + profile + "' (known: " + String.join(", ", PROFILES) + ")");
        }
    }

    public static void checkAmount(Double amount) {
        if (amount != null && !(amount >= MIN_AMOUNT && amount <= MAX_AMOUNT)) {
            throw new RuleViolation(INVALID_AMOUNT, "amount " + amount + " is outside 0..100 %");
        }
    }

    static void checkReferences(List<ReferenceTrack> references) {
        if (references.size() > MAX_REFERENCES) {
            throw new RuleViolation(TOO_MANY_REFERENCES, references.size() + " references; a job takes at most " + MAX_REFERENCES);
        }
        for (int i = 0; i < references.size(); i++) {
            ReferenceTrack r = references.get(i);
            try {
                checkReference(r);
            } catch (RuleViolation e) {
                throw e.at(where("references", i, r == null ? null : fileName(r.key())));
            }
        }
    }

    /** One reference: a key and a finite weight above 0, at most {@link #MAX_REFERENCE_WEIGHT}. */
    public static void checkReference(ReferenceTrack r) {
        if (r == null) {
            throw new RuleViolation(INVALID_REFERENCE, "a reference is null");
        }
        if (r.key() == null || r.key().isBlank()) {
            throw new RuleViolation(INVALID_REFERENCE, "a reference needs the key of an uploaded file");
        }
        if (!(r.weight() > 0 && r.weight() <= MAX_REFERENCE_WEIGHT)) {
            throw new RuleViolation(INVALID_REFERENCE, "weight " + r.weight() + " is outside (0, " + MAX_REFERENCE_WEIGHT + "]");
        }
    }

    /**
     * A name as the engine reads it: any case, and for roles _ or - (the engine upper-cases with
     * the root locale, so e.g. a dotless ı becomes I there and here alike).
     */
    static String canonical(String name) {
        return name.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Where in a job a field is, e.g. {@code stems[2] (drums.wav)}. */
    static String where(String list, int index, String name) {
        return list + "[" + index + "]" + (name == null || name.isBlank() ? "" : " (" + name + ")");
    }

    /** The file name of an object key, to name a file in a message without repeating the whole key. */
    static String fileName(String key) {
        return key == null ? null : key.substring(key.lastIndexOf('/') + 1);
    }
}
