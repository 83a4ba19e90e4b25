package dev.mixdown.gateway.jobs;

import dev.mixdown.jobs.contracts.DeliverableSpec;
import dev.mixdown.jobs.contracts.ReferenceTrack;
import dev.mixdown.jobs.contracts.StemInput;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /v1/jobs}. A master job names an {@code input}; a mix job lists
 * {@code stems} and, to chain into mastering, {@code deliverables}. The rules each field must
 * follow are {@link dev.mixdown.jobs.contracts.JobRules}'.
 *
 * @param kind       "mix" or "master"
 * @param lane       "interactive" (default) or "bulk"
 * A package job ({@code kind} "package") takes {@code stems} or a stereo mix as {@code input}, and
 * {@code preset} or {@code spec}, {@code metadata} and {@code tag} (see docs/packages.md).
 *
 * @param references reference tracks to master toward: {@code {"key": ..., "weight": ...}} (or the older string "key:weight")
 * @param preset     package jobs: a preset name (sync-library, beat-store, streaming), short for {@code spec: {"preset": NAME}}
 * @param spec       package jobs: the package spec, as {@code ./mixdown package --spec} reads it
 * @param metadata   package jobs: the track's metadata (title, artists, composers, publisher, isrc, iswc, ...)
 * @param tag        package jobs: the key of the uploaded voice tag, for store previews
 */
public record JobRequest(String kind, String lane, String input, List<StemInput> stems, List<DeliverableSpec> deliverables,
        String profile, Double amount, List<ReferenceTrack> references, String preset, Map<String, Object> spec,
        Map<String, Object> metadata, String tag) {

    /** A mix or master job's request. */
    public JobRequest(String kind, String lane, String input, List<StemInput> stems, List<DeliverableSpec> deliverables,
            String profile, Double amount, List<ReferenceTrack> references) {
        this(kind, lane, input, stems, deliverables, profile, amount, references, null, null, null, null);
    }
}
