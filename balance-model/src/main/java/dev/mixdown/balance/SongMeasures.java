package dev.mixdown.balance;

import dev.mixdown.dsp.mix.StemRole;
import dev.mixdown.dsp.mix.balance.StemMeasures;
import java.util.List;

/**
 * A song as the trainer sees it: every stem measured over the whole song and over each excerpt
 * ({@link SongMeasurer#EXCERPT_SECONDS} long), plus the reference mix's active loudness.
 *
 * @param views the whole song first, then the excerpts; in each, one entry per stem (in stem order)
 */
record SongMeasures(String song, List<String> stemNames, List<StemRole> roles, double mixActiveLufs, List<View> views) {

    /** One stretch of the song: the whole or an excerpt. */
    record View(String id, List<StemMeasures> stems) {
    }

    View whole() {
        return views.get(0);
    }
}
