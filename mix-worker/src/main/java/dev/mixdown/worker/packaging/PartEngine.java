package dev.mixdown.worker.packaging;

import dev.mixdown.dsp.io.AudioFileException;
import dev.mixdown.dsp.packaging.PackagePlan;
import dev.mixdown.dsp.packaging.PackageSpec;
import dev.mixdown.dsp.packaging.SpecMaps;
import dev.mixdown.dsp.packaging.TrackMetadata;
import dev.mixdown.jobs.contracts.JobMessage;
import dev.mixdown.jobs.contracts.Json;
import dev.mixdown.jobs.worker.JobException;
import dev.mixdown.jobs.worker.WorkContext;
import java.io.IOException;
import java.nio.file.Path;

/** What every package step shares: the spec and metadata read from the part, the plan read from the store, engine errors mapped. */
final class PartEngine {
    /** Engine work that may refuse its input (IllegalArgumentException, a bad audio file) or fail on disk. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws IOException;
    }

    private PartEngine() {
    }

    static PackageSpec spec(JobMessage job) throws JobException {
        try {
            return SpecMaps.spec(job.part().spec());
        } catch (IllegalArgumentException | ClassCastException e) {
            throw JobException.badInput("package spec: " + e.getMessage(), e);
        }
    }

    static TrackMetadata metadata(JobMessage job) throws JobException {
        try {
            return job.part().metadata() == null ? TrackMetadata.titled(null) : SpecMaps.metadata(job.part().metadata());
        } catch (IllegalArgumentException | ClassCastException e) {
            throw JobException.badInput("track metadata: " + e.getMessage(), e);
        }
    }

    /** The plan the PLAN part wrote, downloaded into {@code dir}. */
    static PackagePlan plan(JobMessage job, WorkContext ctx, Path dir) throws JobException {
        ctx.checkOwnKey(job.part().plan());
        Path file = dir.resolve("plan.json");
        ctx.storage().download(job.part().plan(), file);
        return read(ctx, file, PackagePlan.class);
    }

    /** A JSON file another part wrote. */
    static <T> T read(WorkContext ctx, Path file, Class<T> type) throws JobException {
        try {
            return Json.MAPPER.readValue(file.toFile(), type);
        } catch (IOException e) {
            throw new JobException(JobException.INTERNAL, "unreadable " + type.getSimpleName() + " from an earlier part: "
                    + ctx.redact(e.getMessage()), false, e);
        }
    }

    /** Runs engine work: bad input fails the part for good, a disk failure may be retried. */
    static <T> T run(WorkContext ctx, Work<T> work) throws JobException, InterruptedException {
        T result;
        try {
            result = work.run();
        } catch (AudioFileException | IllegalArgumentException e) {
            throw JobException.badInput(ctx.redact(e.getMessage()), e);
        } catch (IOException e) {
            throw new JobException(JobException.IO, "local disk: " + ctx.redact(e.getMessage()), true, e);
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        return result;
    }
}
