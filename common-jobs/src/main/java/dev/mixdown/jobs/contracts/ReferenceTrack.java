package dev.mixdown.jobs.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.regex.Pattern;

/**
 * A reference track a master is steered toward, and how much it counts among the references.
 * On the wire it is {@code {"key": "...", "weight": 2}} (weight 1 when left out); the older form,
 * a string {@code "key"} or {@code "key:weight"}, is still read, by {@link #parse}. Whether the
 * values are acceptable is {@link JobRules}' business, not the constructor's, so a bad weight
 * reaches the rules and is refused with a code naming it.
 *
 * @param key    object key of the uploaded track (or, in the CLI, a local file)
 * @param weight its share of the tone target relative to the other references
 */
public record ReferenceTrack(String key, double weight) {
    /** The weight of a reference that names none. */
    public static final double DEFAULT_WEIGHT = 1.0;
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

    @JsonCreator
    public static ReferenceTrack of(@JsonProperty("key") String key, @JsonProperty("weight") Double weight) {
        return new ReferenceTrack(key, weight == null ? DEFAULT_WEIGHT : weight);
    }

    public static ReferenceTrack of(String key) {
        return new ReferenceTrack(key, DEFAULT_WEIGHT);
    }

    /**
     * The one reader of the string form {@code key[:weight]}: the text after the last colon is the
     * weight when it is a decimal number; otherwise the colon belongs to the key (object keys never
     * hold one, but a local path such as {@code C:\song.wav} may).
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ReferenceTrack parse(String spec) {
        if (spec == null) {
            return null;
        }
        int colon = spec.lastIndexOf(':');
        if (colon > 0 && NUMBER.matcher(spec.substring(colon + 1)).matches()) {
            return new ReferenceTrack(spec.substring(0, colon), Double.parseDouble(spec.substring(colon + 1)));
        }
        return of(spec);
    }
}
