package dev.mixdown.jobs.contracts;

/**
 * A job field that breaks one of {@link JobRules} or {@link DeliveryRules}: a stable code naming
 * the field (the gateway answers it as a 400) and a message a person can act on.
 */
public final class RuleViolation extends IllegalArgumentException {
    /** Kind, lane, a missing input or an input of the wrong kind of job. */
    public static final String INVALID_REQUEST = "INVALID_REQUEST";
    public static final String INVALID_STEM = "INVALID_STEM";
    public static final String INVALID_DELIVERABLE = "INVALID_DELIVERABLE";
    /** A named loudness target the engine does not know. */
    public static final String UNSUPPORTED_TARGET = "UNSUPPORTED_TARGET";
    public static final String INVALID_REFERENCE = "INVALID_REFERENCE";
    /** References steer mastering: a mix job without deliverables would drop them. */
    public static final String REFERENCES_NEED_DELIVERABLES = "REFERENCES_NEED_DELIVERABLES";
    public static final String INVALID_PROFILE = "INVALID_PROFILE";
    public static final String INVALID_AMOUNT = "INVALID_AMOUNT";
    public static final String TOO_MANY_STEMS = "TOO_MANY_STEMS";
    public static final String TOO_MANY_DELIVERABLES = "TOO_MANY_DELIVERABLES";
    public static final String TOO_MANY_REFERENCES = "TOO_MANY_REFERENCES";
    /** A package spec naming a preset nobody defined. */
    public static final String UNKNOWN_PRESET = "UNKNOWN_PRESET";

    private static final long serialVersionUID = 1L;
    private final String code;

    public RuleViolation(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** The same violation, its message prefixed with where it happened (e.g. "stems[2] (drums.wav)"). */
    public RuleViolation at(String where) {
        return new RuleViolation(code, where + ": " + getMessage());
    }
}
