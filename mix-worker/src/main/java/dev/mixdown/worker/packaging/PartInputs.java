package dev.mixdown.worker.packaging;

import dev.mixdown.dsp.mix.StemSpec;
import dev.mixdown.jobs.contracts.JobMessage;
import dev.mixdown.jobs.contracts.StemInput;
import dev.mixdown.jobs.worker.EngineMapping;
import dev.mixdown.jobs.worker.JobException;
import dev.mixdown.jobs.worker.WorkContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A package part's audio inputs on local disk: the stems (each in its own folder under its own
 * file name, since roles and stem names in the package's files come from it) or the stereo mix,
 * and the voice tag when the part makes previews.
 *
 * @param stems the stems in the job's order (empty for a stereo-mix package)
 * @param mix   the stereo mix, or null
 * @param tag   the voice tag, or null
 */
record PartInputs(List<StemSpec> stems, Path mix, Path tag) {

    /** Downloads the job's inputs into {@code dir}; the tag only when {@code withTag}. */
    static PartInputs fetch(JobMessage job, WorkContext ctx, Path dir, boolean withTag) throws JobException {
        List<String> keys = new ArrayList<>();
        List<Path> locals = new ArrayList<>();
        List<StemSpec> stems = new ArrayList<>();
        Path mix = null;
        Path tag = null;
        try {
            for (int i = 0; i < job.stems().size(); i++) {
                StemInput s = job.stems().get(i);
                Path local = local(ctx, dir.resolve("stem-" + i), s.key(), keys, locals);
                stems.add(EngineMapping.stem(local, s));
            }
            if (job.input() != null) {
                mix = local(ctx, dir.resolve("mix"), job.input(), keys, locals);
            }
            if (withTag && job.part().tag() != null) {
                tag = local(ctx, dir.resolve("tag"), job.part().tag(), keys, locals);
            }
        } catch (IOException e) {
            throw new JobException(JobException.INTERNAL, "local disk: " + ctx.redact(e.getMessage()), true, e);
        } catch (IllegalArgumentException e) {
            throw JobException.badInput(ctx.redact(e.getMessage()), e);
        }
        ctx.storage().downloadAll(keys, locals);
        return new PartInputs(stems, mix, tag);
    }

    private static Path local(WorkContext ctx, Path folder, String key, List<String> keys, List<Path> locals)
            throws IOException, JobException {
        ctx.checkOwnKey(key);
        Files.createDirectories(folder);
        Path local = ctx.shownAs(folder.resolve(key.substring(key.lastIndexOf('/') + 1)), key);
        keys.add(key);
        locals.add(local);
        return local;
    }
}
