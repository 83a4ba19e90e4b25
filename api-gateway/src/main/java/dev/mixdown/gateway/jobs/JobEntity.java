package dev.mixdown.gateway.jobs;

import dev.mixdown.jobs.contracts.JobRun;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A job's row: what was asked (the request as sent to workers) and where it stands. */
@Entity
@Table(name = "job")
public class JobEntity {
    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(nullable = false)
    public String kind;

    @Column(nullable = false)
    public String lane;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public JobStatus status;

    @Column(nullable = false)
    public int attempt;

    @Column(name = "last_event_seq", nullable = false)
    public long lastEventSeq = -1;

    public Double progress;

    public String stage;

    /** The {@code JobMessage} JSON as published. */
    @Column(nullable = false, columnDefinition = "text")
    public String request;

    /** Only on jobs created before V5; idempotency keys live in their own table since (see IdempotencyKeys). */
    @Column(name = "idempotency_key")
    public String idempotencyKey;

    /** The SUCCEEDED event's outputs, as JSON. */
    @Column(columnDefinition = "text")
    public String outputs;

    @Column(name = "report_key")
    public String reportKey;

    @Column(name = "error_code")
    public String errorCode;

    @Column(name = "error_message", columnDefinition = "text")
    public String errorMessage;

    /** Jobs created in one batch call share this id. */
    @Column(name = "batch_id")
    public UUID batchId;

    /** The job this one re-runs with changed settings. */
    @Column(name = "revision_of")
    public UUID revisionOf;

    /** For a part of a package job: the package (the parent job). */
    @Column(name = "parent_id")
    public UUID parentId;

    /** For a part of a package job: plan, version:NAME or assemble. */
    public String part;

    /** The gateway's publications of this job: 1, plus one per re-dispatch after a lost run. */
    @Column(nullable = false)
    public int dispatch = 1;

    /** The run the job follows (null: none yet); see {@link #run()}. */
    @Column(name = "run_id")
    public String runId;

    @Column(name = "run_dispatch")
    public Integer runDispatch;

    @Column(name = "run_attempt")
    public Integer runAttempt;

    @Column(name = "run_offset")
    public Long runOffset;

    @Column(name = "run_start")
    public Integer runStart;

    /** When the current run is presumed lost unless it speaks again. */
    @Column(name = "lease_expires_at")
    public Instant leaseExpiresAt;

    /** Runs that lost their lease. */
    @Column(name = "lost_runs", nullable = false)
    public int lostRuns;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The run this job follows, or null before any. */
    public JobRun run() {
        return runId == null ? null : new JobRun(runId, runDispatch, runAttempt, runOffset, runStart);
    }

    /** Follows {@code run} from now on (null: no run, e.g. while a retry or re-dispatch waits). */
    public void follow(JobRun run) {
        runId = run == null ? null : run.id();
        runDispatch = run == null ? null : run.dispatch();
        runAttempt = run == null ? null : run.attempt();
        runOffset = run == null ? null : run.offset();
        runStart = run == null ? null : run.start();
        lastEventSeq = -1;
    }
}
