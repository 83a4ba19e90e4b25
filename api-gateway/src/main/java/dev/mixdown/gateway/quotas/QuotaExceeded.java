package dev.mixdown.gateway.quotas;

import java.time.Instant;

/**
 * A request over the tenant's plan: which quota, how much is used, the limit, and when the count
 * starts again (null for quotas that free up as jobs end, or that hold per job).
 */
public final class QuotaExceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String quota;
    private final long used;
    private final long limit;
    private final transient Instant resetsAt;

    public QuotaExceeded(String quota, long used, long limit, Instant resetsAt, String message) {
        super(message);
        this.quota = quota;
        this.used = used;
        this.limit = limit;
        this.resetsAt = resetsAt;
    }

    /** The JSON body: the API's {@code code} and {@code message}, and the figures behind them. */
    public record Body(String code, String message, String quota, long used, long limit, Instant resetsAt) {
    }

    public Body body() {
        return new Body("QUOTA_EXCEEDED", getMessage(), quota, used, limit, resetsAt);
    }
}
