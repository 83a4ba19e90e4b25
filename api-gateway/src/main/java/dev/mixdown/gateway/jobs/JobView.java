package dev.mixdown.gateway.jobs;

import java.time.Instant;
import java.util.List;

/** A job as the API shows it; download URLs are presigned for the caller. */
public record JobView(String id, String kind, String lane, String status, int attempt, Double progress, String stage,
        String batchId, String revisionOf, Instant createdAt, Instant updatedAt, Error error, List<Output> outputs, String reportUrl) {

    public record Error(String code, String message) {
    }

    public record Output(String name, long bytes, Double integratedLufs, Double truePeakDbtp, String url) {
    }
}
