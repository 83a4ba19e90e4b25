package dev.mixdown.jobs.contracts;

import java.util.regex.Pattern;

/**
 * The object-key layout of the one bucket: {@code tenants/{tenant}/uploads/{uploadId}/{file}} and
 * {@code tenants/{tenant}/jobs/{jobId}/runs/{runId}/{output}}: each run writes under its own id,
 * so a superseded run can never overwrite what the job published. Every segment is checked, so no key
 * can climb out of its tenant's prefix.
 */
public final class ObjectKeys {
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._ ()+-]{0,199}");

    private ObjectKeys() {
    }

    public static String tenantPrefix(String tenant) {
        return "tenants/" + segment("tenant", tenant) + "/";
    }

    public static String upload(String tenant, String uploadId, String file) {
        return tenantPrefix(tenant) + "uploads/" + segment("upload id", uploadId) + "/" + segment("file name", file);
    }

    /** Where an output of one run of a job goes. */
    public static String runOutput(String tenant, String jobId, String runId, String name) {
        return tenantPrefix(tenant) + "jobs/" + segment("job id", jobId) + "/runs/" + segment("run id", runId) + "/"
                + segment("output name", name);
    }

    /**
     * Where a file of one run goes when its outputs have folders ({@code masters/x.wav}): each
     * '/'-separated segment of {@code path} is checked like a name.
     */
    public static String runOutputPath(String tenant, String jobId, String runId, String path) {
        StringBuilder key = new StringBuilder(tenantPrefix(tenant)).append("jobs/").append(segment("job id", jobId)).append("/runs/")
                .append(segment("run id", runId));
        for (String s : path.split("/", -1)) {
            key.append('/').append(segment("output path segment", s));
        }
        return key.toString();
    }

    /** True when {@code key} lies under {@code tenant}'s prefix. */
    public static boolean belongsTo(String key, String tenant) {
        return key.startsWith(tenantPrefix(tenant)) && !key.contains("/../") && !key.contains("//");
    }

    static String segment(String what, String value) {
        if (value == null || !SEGMENT.matcher(value).matches() || value.contains("..")) {
            throw new IllegalArgumentException("invalid " + what + " '" + value
                    + "': letters, digits, space and . _ ( ) + - only, not starting with a symbol, at most 200 characters");
        }
        return value;
    }
}
