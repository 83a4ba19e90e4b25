package dev.mixdown.gateway.studio;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mixdown.gateway.jobs.JobView;
import dev.mixdown.jobs.contracts.RoleNames;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the web app's endpoints answer ({@link StudioResource}); the web app's own shapes, beside REST v1's. */
public final class StudioViews {
    private StudioViews() {
    }

    /** The words a job request may use, so that the web app offers exactly what the gateway accepts. */
    public record Vocabulary(List<String> roles, List<String> presences, List<String> reverbs, List<String> targets,
            List<String> profiles, List<RoleNames.Rule> roleNames) {
    }

    public record RoleRequest(List<String> files) {
    }

    /** A file's role from its name, or null role when no rule matches (the engine then listens to the audio). */
    public record RoleGuess(String file, String role, String evidence) {
    }

    /** One job in a list: what a person recognises it by, without presigning its downloads. */
    public record JobSummary(String id, String kind, String status, Double progress, String stage, String title, String batchId,
            String revisionOf, Instant createdAt, JobView.Error error) {
    }

    /** A page of jobs with the tenant's count of jobs per status (all statuses, whatever the filter). */
    public record JobList(Map<String, Long> counts, List<JobSummary> jobs) {
    }

    /**
     * Something the player can play: the original (one file, or stems played together), the mix
     * or a master (kind original, mix, master; on a revision also previous-mix and previous-master,
     * the outputs of the job it revises), with its integrated loudness as reported ({@code estimated} when it is the
     * power sum of the stems' own loudness rather than a measurement of their sum).
     */
    public record Source(String id, String label, String kind, List<String> urls, Double integratedLufs, boolean estimated) {
    }

    public record Plot(String name, String url) {
    }

    /** A job's result page: the job, what was asked, what can be played, the report and its plots, and its revisions. */
    public record Listening(JobView job, String title, JsonNode request, List<Source> sources, JsonNode report, List<Plot> plots,
            List<JobSummary> revisions, List<StemRow> stems) {
    }

    /** A stem of a mix job as the revision form edits it: its file name and key, and what was asked of it. */
    public record StemRow(String file, String key, String role, String presence, Double pan, String reverb, Double gainDb,
            Boolean mute) {
    }
}
