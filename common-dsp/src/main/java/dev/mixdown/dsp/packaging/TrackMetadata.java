package dev.mixdown.dsp.packaging;

import java.util.List;
import java.util.Map;

/**
 * What a package says about its track, embedded in every file and written in the manifest.
 * Every field is optional; BPM and key come from the analysis when not given.
 *
 * @param title      track title
 * @param artists    performing artists
 * @param composers  writers with their IPI numbers and shares
 * @param publisher  publisher (label)
 * @param isrc       ISRC of the main version
 * @param iswc       ISWC of the work
 * @param genre      genre
 * @param moods      mood tags
 * @param bpm        tempo, or null for the analysed one
 * @param key        key ("A minor"), or null for the analysed one
 * @param extra      free fields, embedded as user-defined text
 */
public record TrackMetadata(String title, List<String> artists, List<Person> composers, String publisher, String isrc,
        String iswc, String genre, List<String> moods, Double bpm, String key, Map<String, String> extra) {

    /** A writer: name, IPI name number, share in percent and role (composer, lyricist, arranger). */
    public record Person(String name, String ipi, Double sharePercent, String role) {
    }

    public TrackMetadata {
        title = title == null || title.isBlank() ? "Untitled" : title;
        artists = artists == null ? List.of() : List.copyOf(artists);
        composers = composers == null ? List.of() : List.copyOf(composers);
        moods = moods == null ? List.of() : List.copyOf(moods);
        extra = extra == null ? Map.of() : Map.copyOf(extra);
        if (isrc != null && !isrc.replace("-", "").matches("[A-Za-z]{2}[A-Za-z0-9]{3}\\d{7}")) {
            throw new IllegalArgumentException("ISRC '" + isrc + "' is not CC-XXX-YY-NNNNN (12 characters)");
        }
    }

    /** This metadata with BPM and key filled from the analysis where they were not given. */
    public TrackMetadata withAnalysed(double analysedBpm, String analysedKey) {
        return new TrackMetadata(title, artists, composers, publisher, isrc, iswc, genre, moods,
                bpm != null ? bpm : analysedBpm > 0 ? Math.round(analysedBpm * 10) / 10.0 : null,
                key != null ? key : analysedKey, extra);
    }

    public String artistLine() {
        return String.join("; ", artists);
    }

    public String composerLine() {
        return String.join("; ", composers.stream().map(Person::name).toList());
    }

    public String ipiLine() {
        return String.join("; ", composers.stream().filter(p -> p.ipi() != null).map(p -> p.name() + " " + p.ipi()).toList());
    }

    /** BPM as written in tags and names: whole beats per minute. */
    public String bpmText() {
        return bpm == null ? "" : Long.toString(Math.round(bpm));
    }

    public static TrackMetadata titled(String title) {
        return new TrackMetadata(title, null, null, null, null, null, null, null, null, null, null);
    }
}
