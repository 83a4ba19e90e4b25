package dev.mixdown.jobs.worker;

import dev.mixdown.jobs.contracts.JobEvent;
import dev.mixdown.jobs.contracts.JobMessage;
import dev.mixdown.jobs.contracts.JobRun;
import dev.mixdown.jobs.contracts.Json;
import dev.mixdown.jobs.contracts.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What one run tells the gateway: STARTED, then PROGRESS at most every {@code progressMillis},
 * a HEARTBEAT whenever {@code heartbeatMillis} pass without another event (which renews the run's
 * lease at the gateway), and one terminal event. Events are numbered within the run.
 *
 * <p>{@link #progress} is called from the job's thread; everything else from the polling thread.
 */
final class RunEvents {
    private final JobMessage job;
    private final JobRun run;
    private final String workerId;
    private final EventPublisher publisher;
    private final long progressMillis;
    private final long heartbeatMillis;
    private long next;
    private long lastSentMillis;
    private volatile double lastPercent;
    private volatile String lastStage;
    private volatile boolean dirty;
    /** Stage (its first word) to the nanoTime it began, in order. */
    private final Map<String, Long> stageStarts = Collections.synchronizedMap(new LinkedHashMap<>());

    RunEvents(JobMessage job, JobRun run, String workerId, EventPublisher publisher, long progressMillis, long heartbeatMillis) {
        this.job = job;
        this.run = run;
        this.workerId = workerId;
        this.publisher = publisher;
        this.progressMillis = progressMillis;
        this.heartbeatMillis = heartbeatMillis;
    }

    JobRun run() {
        return run;
    }

    void started() {
        publisher.send(Topics.EVENTS, job.jobId(), event(JobEvent.Type.STARTED, 0.0, "started", null, null, null));
    }

    /** The processor's progress (job thread): recorded here, sent by {@link #tick}. */
    void progress(double percent, String stage) {
        String name = stage == null ? "" : stage.split(" ", 2)[0];
        stageStarts.putIfAbsent(name, System.nanoTime());
        lastPercent = percent;
        lastStage = stage;
        dirty = true;
        FaultPoints.reached(name);
    }

    /** Sends the latest progress, or a heartbeat when the run has been quiet for a heartbeat interval. */
    void tick() {
        long now = System.currentTimeMillis();
        if (dirty && now - lastSentMillis >= progressMillis) {
            dirty = false;
            publisher.send(Topics.EVENTS, job.jobId(), event(JobEvent.Type.PROGRESS, lastPercent, lastStage, null, null, null));
        } else if (now - lastSentMillis >= heartbeatMillis) {
            publisher.send(Topics.EVENTS, job.jobId(), event(JobEvent.Type.HEARTBEAT, null, null, null, null, null));
        }
    }

    /** The run's success, acknowledged by the broker. */
    void succeeded(List<JobEvent.OutputFile> outputs, String reportKey) {
        publisher.sendAndWait(Topics.EVENTS, job.jobId(), event(JobEvent.Type.SUCCEEDED, 100.0, "done", outputs, reportKey, null));
    }

    /** The run's failure (retryable when another attempt is queued), acknowledged by the broker. */
    void failed(JobEvent.JobError error) {
        publisher.sendAndWait(Topics.EVENTS, job.jobId(),
                event(JobEvent.Type.FAILED, null, error.retryable() ? "retrying" : "failed", null, null, error));
    }

    private synchronized byte[] event(JobEvent.Type type, Double percent, String stage, List<JobEvent.OutputFile> outputs,
            String report, JobEvent.JobError error) {
        lastSentMillis = System.currentTimeMillis();
        return Json.write(new JobEvent(JobMessage.SCHEMA_VERSION, UUID.randomUUID().toString(), job.jobId(), job.tenantId(),
                job.attempt(), next++, type, percent, stage, outputs, report, error, workerId, Instant.now().toString(), run));
    }

    /** How long each stage took, e.g. {@code download 412 ms, analyse 1380 ms}. */
    String stageTimes(long nowNanos) {
        List<Map.Entry<String, Long>> starts;
        synchronized (stageStarts) {
            starts = new ArrayList<>(stageStarts.entrySet());
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < starts.size(); i++) {
            long end = i + 1 < starts.size() ? starts.get(i + 1).getValue() : nowNanos;
            b.append(i == 0 ? "" : ", ").append(starts.get(i).getKey()).append(' ')
                    .append((end - starts.get(i).getValue()) / 1_000_000).append(" ms");
        }
        return b.length() == 0 ? "none reported" : b.toString();
    }
}
