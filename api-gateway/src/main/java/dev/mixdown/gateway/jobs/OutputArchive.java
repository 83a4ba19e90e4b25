package dev.mixdown.gateway.jobs;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.mixdown.gateway.errors.ApiException;
import dev.mixdown.jobs.contracts.DeliveryRules;
import dev.mixdown.jobs.contracts.JobEvent;
import dev.mixdown.jobs.contracts.Json;
import dev.mixdown.jobs.contracts.ObjectKeys;
import dev.mixdown.jobs.storage.ObjectStorage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A finished job's whole package as one ZIP: its outputs, its report and its plots, streamed from
 * the object store entry by entry (nothing is held in memory or on disk, and nothing is decoded:
 * audio is stored without compression, so the gateway only copies bytes). Every key is checked to
 * lie under the job's tenant before the first byte goes out.
 */
@ApplicationScoped
public class OutputArchive {
    /** Where each plot goes in the ZIP. */
    static final String PLOTS_FOLDER = "plots/";

    @Inject
    JobQueries jobs;

    @Inject
    ObjectStorage storage;

    /** One file of the ZIP: its name there and its key in the store; {@code compress} for text and images, not audio. */
    public record Entry(String name, String key, boolean compress) {
    }

    /**
     * What the ZIP of the tenant's job holds, decided before anything is streamed: the job must be
     * the tenant's (404 otherwise) and have SUCCEEDED (409 otherwise).
     */
    public List<Entry> entries(String tenantId, UUID id) {
        JobEntity job = jobs.get(tenantId, id);
        if (job.status != JobStatus.SUCCEEDED || job.outputs == null) {
            throw new ApiException(409, "NO_OUTPUTS_YET", "job " + id + " is " + job.status + "; its files can be downloaded once it has SUCCEEDED");
        }
        List<Entry> entries = new ArrayList<>();
        for (JobEvent.OutputFile f : outputs(job)) {
            entries.add(new Entry(f.name(), f.key(), false));
        }
        if (job.reportKey != null) {
            entries.add(new Entry(DeliveryRules.REPORT_NAME, job.reportKey, true));
            String folder = job.reportKey.substring(0, job.reportKey.lastIndexOf('/') + 1);
            for (String key : storage.list(folder)) {
                String name = key.substring(folder.length());
                if (name.startsWith(DeliveryRules.PLOT_PREFIX) && name.endsWith(".png") && !name.contains("/")) {
                    entries.add(new Entry(PLOTS_FOLDER + name, key, true));
                }
            }
        }
        for (Entry e : entries) {
            if (!ObjectKeys.belongsTo(e.key(), tenantId)) {
                // a worker wrote where it must not: never serve it
                throw new IllegalStateException("job " + id + " names " + e.key() + ", outside tenant " + tenantId + "'s files");
            }
        }
        return entries;
    }

    /** Writes the ZIP of {@code entries} to {@code out}, copying each object from the store as it arrives. */
    public void write(List<Entry> entries, OutputStream out) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Entry e : entries) {
                zip.setLevel(e.compress() ? Deflater.DEFAULT_COMPRESSION : Deflater.NO_COMPRESSION);
                zip.putNextEntry(new ZipEntry(e.name()));
                storage.copyTo(e.key(), zip);
                zip.closeEntry();
            }
        }
    }

    private static List<JobEvent.OutputFile> outputs(JobEntity job) {
        try {
            return Json.MAPPER.readValue(job.outputs, new TypeReference<List<JobEvent.OutputFile>>() { });
        } catch (IOException e) {
            throw new IllegalStateException("stored outputs of job " + job.id + " are not readable", e);
        }
    }
}
