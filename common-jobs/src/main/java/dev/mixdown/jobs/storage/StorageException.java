package dev.mixdown.jobs.storage;

/** An object-store call that failed: retryable when the store was unreachable, "missing" when the key does not exist. */
public final class StorageException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final boolean retryable;
    private final boolean missing;

    public StorageException(String message, boolean retryable, boolean missing, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
        this.missing = missing;
    }

    public boolean retryable() {
        return retryable;
    }

    public boolean missing() {
        return missing;
    }
}
