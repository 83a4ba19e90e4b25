package dev.mixdown.jobs.worker;

/** A job that could not be done, with a stable code and whether another attempt may succeed. */
public final class JobException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Bad input: a corrupt or missing stem, an impossible setting. Never retried. */
    public static final String BAD_INPUT = "BAD_INPUT";
    /** The object store could not be reached. Retried with backoff. */
    public static final String STORAGE_UNAVAILABLE = "STORAGE_UNAVAILABLE";
    /** The job ran past the watchdog's limit. Retried. */
    public static final String TIMEOUT = "TIMEOUT";
    /** The job asks for something this worker does not do. Never retried. */
    public static final String UNSUPPORTED = "UNSUPPORTED_OPTION";
    /** Local disk or network I/O failed. Retried. */
    public static final String IO = "IO_ERROR";
    /** The broker could not be reached. Retried. */
    public static final String BROKER_UNAVAILABLE = "BROKER_UNAVAILABLE";
    /** The job was started by more runs than allowed, each ending without a word (a worker killed or lost). Final. */
    public static final String LOST_WORKER = "LOST_WORKER";
    /** Something unexpected in the worker. Retried. */
    public static final String INTERNAL = "INTERNAL";

    private final String code;
    private final boolean retryable;

    public JobException(String code, String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.retryable = retryable;
    }

    public static JobException badInput(String message, Throwable cause) {
        return new JobException(BAD_INPUT, message, false, cause);
    }

    public String code() {
        return code;
    }

    public boolean retryable() {
        return retryable;
    }
}
