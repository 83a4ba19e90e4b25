package dev.mixdown.gateway.webhooks;

import dev.mixdown.gateway.errors.ApiException;
import dev.mixdown.gateway.jobs.JobStatus;
import java.util.Arrays;
import java.util.stream.Collectors;

/** What a webhook endpoint can subscribe to, by its wire name. */
public enum EventType {
    JOB_SUCCEEDED("job.succeeded"),
    JOB_FAILED("job.failed"),
    JOB_CANCELLED("job.cancelled"),
    BATCH_COMPLETED("batch.completed");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The event announcing that a job reached this terminal state. */
    public static EventType ofTerminal(JobStatus status) {
        return switch (status) {
            case SUCCEEDED -> JOB_SUCCEEDED;
            case FAILED -> JOB_FAILED;
            case CANCELLED -> JOB_CANCELLED;
            default -> throw new IllegalArgumentException(status + " is not a terminal state");
        };
    }

    /** The type of this wire name, or a 400 naming the ones there are. */
    public static EventType parse(String wireName) {
        for (EventType t : values()) {
            if (t.wireName.equals(wireName)) {
                return t;
            }
        }
        throw ApiException.invalid("UNKNOWN_EVENT_TYPE", "unknown event type '" + wireName + "' (one of "
                + Arrays.stream(values()).map(EventType::wireName).collect(Collectors.joining(", ")) + ")");
    }
}
