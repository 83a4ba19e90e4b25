package dev.mixdown.jobs.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.mixdown.jobs.contracts.JobMessage;
import dev.mixdown.jobs.contracts.JobRun;
import dev.mixdown.jobs.contracts.Json;
import dev.mixdown.jobs.contracts.ObjectKeys;
import dev.mixdown.jobs.storage.ObjectStorage;
import java.io.File;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    /** Local files by the name the tenant knows them by (an uploaded key, an output name). */
    private final Map<String, String> shownAs = new LinkedHashMap<>();

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

    /**
     * Says what the tenant calls a local file: the object key it was downloaded from, or the name
     * it is delivered under. {@link #redact} then shows that name instead of the worker's path.
     *
     * @return {@code local}
     */
    public Path shownAs(Path local, String name) {
        shownAs.put(local.toString(), name);
        return local;
    }

    /**
     * {@code text} (an error message, a report's field) without the worker's paths: every file
     * given to {@link #shownAs} by its name, anything else in the work folder relative to it. A
     * tenant never learns where or under which worker its job ran.
     */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        // longest first, so ".../reference-10" is not taken for ".../reference-1" followed by "0"
        List<String> locals = shownAs.keySet().stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
        for (String local : locals) {
            out = out.replace(local, shownAs.get(local));
        }
        return out.replace(workDir.toString() + File.separator, "").replace(workDir.toString(), ".");
    }

    /** Where an output of this run goes: under the run's own id, so no other run can overwrite it. */
    public String outputKey(String name) {
        return ObjectKeys.runOutput(job.tenantId(), job.jobId(), run.id(), name);
    }

    /** Where an output of this run goes when outputs have folders ({@code masters/x.wav}): under the run's own id too. */
    public String outputPathKey(String path) {
        return ObjectKeys.runOutputPath(job.tenantId(), job.jobId(), run.id(), path);
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

        /** A file, under {@code path} (folders separated by '/'). */
        public Results file(Path file, String path) {
            files.add(file);
            keys.add(outputPathKey(path));
            return this;
        }

        /** {@code value} written as JSON, under {@code name}, every text in it {@link #redact redacted}. */
        public Results json(String name, Object value) throws JobException {
            Path file = workDir.resolve(name);
            try {
                JsonNode tree = Json.MAPPER.valueToTree(value);
                redactTexts(tree);
                java.nio.file.Files.write(file, Json.write(tree));
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

    private void redactTexts(JsonNode node) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if (field.getValue().isTextual()) {
                    field.setValue(TextNode.valueOf(redact(field.getValue().textValue())));
                } else {
                    redactTexts(field.getValue());
                }
            });
        } else if (node.isArray()) {
            ArrayNode array = (ArrayNode) node;
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isTextual()) {
                    array.set(i, TextNode.valueOf(redact(array.get(i).textValue())));
                } else {
                    redactTexts(array.get(i));
                }
            }
        }
    }

    /** Fails with BAD_INPUT unless {@code key} lies in the job's tenant's prefix. */
    public void checkOwnKey(String key) throws JobException {
        if (!ObjectKeys.belongsTo(key, job.tenantId())) {
            throw JobException.badInput("object key " + key + " is outside the tenant's files", null);
        }
    }
}
