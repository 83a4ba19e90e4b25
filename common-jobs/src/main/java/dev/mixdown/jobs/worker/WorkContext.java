package dev.mixdown.jobs.worker;

import dev.mixdown.jobs.contracts.JobMessage;
import dev.mixdown.jobs.contracts.ObjectKeys;
import dev.mixdown.jobs.storage.ObjectStorage;
import java.nio.file.Path;

/** What a processor may touch while it works on one job. */
public final class WorkContext {
    /** Reports progress: a percentage (0-100) and a stage name. */
    @FunctionalInterface
    public interface Progress {
        void report(double percent, String stage);
    }

    private final JobMessage job;
    private final ObjectStorage storage;
    private final Path workDir;
    private final Progress progress;

    public WorkContext(JobMessage job, ObjectStorage storage, Path workDir, Progress progress) {
        this.job = job;
        this.storage = storage;
        this.workDir = workDir;
        this.progress = progress;
    }

    public ObjectStorage storage() {
        return storage;
    }

    /** A private folder for this job's temporary files, deleted after the job. */
    public Path workDir() {
        return workDir;
    }

    public void progress(double percent, String stage) {
        progress.report(percent, stage);
    }

    /** Where an output of this job's attempt goes. */
    public String outputKey(String name) {
        return ObjectKeys.output(job.tenantId(), job.jobId(), job.attempt(), name);
    }

    /** Fails with BAD_INPUT unless {@code key} lies in the job's tenant's prefix. */
    public void checkOwnKey(String key) throws JobException {
        if (!ObjectKeys.belongsTo(key, job.tenantId())) {
            throw JobException.badInput("object key " + key + " is outside the tenant's files", null);
        }
    }
}
