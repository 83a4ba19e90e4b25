package dev.mixdown.jobs.worker;

import dev.mixdown.jobs.contracts.JobMessage;
import dev.mixdown.jobs.contracts.JobRun;
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
    private final JobRun run;
    private final ObjectStorage storage;
    private final Path workDir;
    private final Progress progress;

    public WorkContext(JobMessage job, JobRun run, ObjectStorage storage, Path workDir, Progress progress) {
        this.job = job;
        this.run = run;
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

    /** Where an output of this run goes: under the run's own id, so no other run can overwrite it. */
    public String outputKey(String name) {
        return ObjectKeys.runOutput(job.tenantId(), job.jobId(), run.id(), name);
    }

    /** Collects what this run leaves in the store, to upload it all at once. */
    public Results results() {
        return new Results();
    }

    /**
     * What a job leaves under its run (files, a JSON report, plots), uploaded together a few
     * at a time rather than one after another.
     */
    public final class Results {
        private final List<Path> files = new java.util.ArrayList<>();
        private final List<String> keys = new java.util.ArrayList<>();

        private Results() {
        }

        /** A file, under its own name. */
        public Results file(Path file) {
            files.add(file);
            keys.add(outputKey(file.getFileName().toString()));
            return this;
        }

        /** {@code value} written as JSON, under {@code name}. */
        public Results json(String name, Object value) throws JobException {
            Path file = workDir.resolve(name);
            try {
                java.nio.file.Files.write(file, dev.mixdown.jobs.contracts.Json.write(value));
            } catch (java.io.IOException e) {
                throw new JobException(JobException.INTERNAL, "local disk: " + e.getMessage(), true, e);
            }
            files.add(file);
            keys.add(outputKey(name));
            return this;
        }

        /** The PNG files of {@code dir} (if it exists), each as {@code prefix + name}. */
        public Results plots(Path dir, String prefix) throws JobException {
            if (!java.nio.file.Files.isDirectory(dir)) {
                return this;
            }
            try (var pngs = java.nio.file.Files.list(dir)) {
                for (Path png : pngs.filter(f -> f.toString().endsWith(".png")).sorted().toList()) {
                    files.add(png);
                    keys.add(outputKey(prefix + png.getFileName()));
                }
            } catch (java.io.IOException e) {
                throw new JobException(JobException.INTERNAL, "local disk: " + e.getMessage(), true, e);
            }
            return this;
        }

        /** Uploads everything collected; returns the sizes in bytes, in the order added. */
        public List<Long> upload() {
            return storage.uploadAll(files, keys);
        }
    }

    /** Fails with BAD_INPUT unless {@code key} lies in the job's tenant's prefix. */
    public void checkOwnKey(String key) throws JobException {
        if (!ObjectKeys.belongsTo(key, job.tenantId())) {
            throw JobException.badInput("object key " + key + " is outside the tenant's files", null);
        }
    }
}
