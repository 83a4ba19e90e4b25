package dev.mixdown.jobs.worker;

import dev.mixdown.jobs.contracts.JobMessage;
import dev.mixdown.jobs.contracts.ObjectKeys;
import dev.mixdown.jobs.storage.ObjectStorage;
import java.nio.file.Path;
import java.util.List;

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

    /** Writes {@code value} as JSON and uploads it as {@code name} under the job's attempt; returns its key. */
    public String uploadJson(String name, Object value) throws JobException {
        Path file = workDir.resolve(name);
        try {
            java.nio.file.Files.write(file, dev.mixdown.jobs.contracts.Json.write(value));
        } catch (java.io.IOException e) {
            throw new JobException(JobException.INTERNAL, "local disk: " + e.getMessage(), true, e);
        }
        String key = outputKey(name);
        storage.upload(file, key);
        return key;
    }

    /** Uploads the PNG files of {@code dir} (if it exists) under the job's attempt as {@code prefix + name}. */
    public void uploadPlots(Path dir, String prefix) throws JobException {
        if (!java.nio.file.Files.isDirectory(dir)) {
            return;
        }
        try (var pngs = java.nio.file.Files.list(dir)) {
            List<Path> files = pngs.filter(f -> f.toString().endsWith(".png")).sorted().toList();
            storage.uploadAll(files, files.stream().map(png -> outputKey(prefix + png.getFileName())).toList());
        } catch (java.io.IOException e) {
            throw new JobException(JobException.INTERNAL, "local disk: " + e.getMessage(), true, e);
        }
    }

    /** Fails with BAD_INPUT unless {@code key} lies in the job's tenant's prefix. */
    public void checkOwnKey(String key) throws JobException {
        if (!ObjectKeys.belongsTo(key, job.tenantId())) {
            throw JobException.badInput("object key " + key + " is outside the tenant's files", null);
        }
    }
}
