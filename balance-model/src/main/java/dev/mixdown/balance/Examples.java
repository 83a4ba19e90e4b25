package dev.mixdown.balance;

import dev.mixdown.dsp.mix.StemRole;
import dev.mixdown.dsp.mix.balance.BalanceFeatures;
import dev.mixdown.dsp.mix.balance.StemMeasures;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Training examples: one per playing stem of each view of each song, with the stem's features
 * and its target, the author's level relative to the mean of the view's playing stems (LU).
 * Augmented by dropping stems at random (seeded by the song's name), which changes every stem's
 * context and the reference. Re-levelling adds nothing: the features do not depend on level.
 */
final class Examples {
    /** Stem-dropping variants per song; each drops 1 to a third of the stems. */
    static final int DROP_VARIANTS = 3;

    /** One stem in one view. */
    record Example(String song, String view, int stem, StemRole role, double[] all, double[] audio, double target) {
    }

    private Examples() {
    }

    static List<Example> of(SongMeasures song, boolean augment) {
        List<Example> out = new ArrayList<>();
        for (SongMeasures.View v : song.views()) {
            List<Integer> playing = new ArrayList<>();
            for (int i = 0; i < v.stems().size(); i++) {
                if (v.stems().get(i).plays()) {
                    playing.add(i);
                }
            }
            if (v.id().equals("whole") || augment) {
                out.addAll(view(song, v, playing, v.id()));
            }
        }
        if (augment) {
            Random random = new Random(song.song().hashCode());
            List<Integer> playing = new ArrayList<>();
            for (int i = 0; i < song.whole().stems().size(); i++) {
                if (song.whole().stems().get(i).plays()) {
                    playing.add(i);
                }
            }
            for (int d = 0; playing.size() >= 3 && d < DROP_VARIANTS; d++) {
                List<Integer> kept = new ArrayList<>(playing);
                Collections.shuffle(kept, random);
                int drop = 1 + random.nextInt(Math.max(1, playing.size() / 3));
                kept = new ArrayList<>(kept.subList(drop, kept.size()));
                Collections.sort(kept);
                out.addAll(view(song, song.whole(), kept, "drop" + d));
            }
        }
        return out;
    }

    private static List<Example> view(SongMeasures song, SongMeasures.View v, List<Integer> playing, String id) {
        List<Example> out = new ArrayList<>();
        if (playing.size() < 2) {
            return out;
        }
        List<StemMeasures> stems = new ArrayList<>();
        List<StemRole> roles = new ArrayList<>();
        double mean = 0;
        for (int i : playing) {
            stems.add(v.stems().get(i));
            roles.add(song.roles().get(i));
            mean += v.stems().get(i).activeLufs();
        }
        mean /= playing.size();
        double[][] all = BalanceFeatures.all(stems, roles);
        double[][] audio = BalanceFeatures.audio(stems);
        for (int k = 0; k < playing.size(); k++) {
            out.add(new Example(song.song(), id, playing.get(k), roles.get(k), all[k], audio[k], stems.get(k).activeLufs() - mean));
        }
        return out;
    }
}
