package dev.mixdown.balance;

import dev.mixdown.dsp.mix.balance.BalanceModel;
import dev.mixdown.dsp.mix.balance.RoleClassifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Trains and judges the balance model and the role classifier on rendered songs.
 *
 * <pre>
 *   train SONGS CACHE OUT_DIR [REPORT [FOLDS_DIR [K]]]  cross-validate in K folds grouped by song (default
 *                                        {@value #DEFAULT_FOLDS}; K = 0 leaves one song out; each song's held-out
 *                                        models into FOLDS_DIR/SONG), then train on all songs and write
 *                                        balance-model.* and role-model.* into OUT_DIR
 *   eval  SONGS CACHE FOLDS_DIR WORK [--model-only]
 *                                        mix each song's re-levelled stems with the engine and its held-out models
 *                                        (and with the role table, unless --model-only)
 * </pre>
 */
public final class BalanceTool {
    /** Held here: java.util.logging keeps loggers weakly, and a collected one forgets its level. */
    private static final java.util.logging.Logger TRIBUO_LOG = java.util.logging.Logger.getLogger("org.tribuo");

    /** Folds of the cross-validation: 8 keeps a retraining under 10 minutes on 2 cores; leave-one-song-out takes ~45. */
    static final int DEFAULT_FOLDS = 8;

    private BalanceTool() {
    }

    public static void main(String[] args) throws Exception {
        TRIBUO_LOG.setLevel(java.util.logging.Level.WARNING); // one line per tree otherwise
        if (args.length < 4) {
            System.err.println("usage: train SONGS CACHE OUT_DIR [REPORT [FOLDS_DIR [K]]] | eval SONGS CACHE FOLDS_DIR WORK [--model-only]");
            System.exit(2);
        }
        List<SongMeasures> songs = measure(Path.of(args[1]), new MeasureCache(Path.of(args[2])));
        System.err.printf(Locale.ROOT, "%d songs, %d stems%n", songs.size(), songs.stream().mapToInt(s -> s.roles().size()).sum());
        switch (args[0]) {
            case "train" -> {
                int k = args.length > 6 ? Integer.parseInt(args[6]) : DEFAULT_FOLDS;
                train(songs, Path.of(args[3]), args.length > 4 ? Path.of(args[4]) : null, args.length > 5 ? Path.of(args[5]) : null,
                        k <= 0 ? songs.size() : k);
            }
            case "eval" -> EngineEvaluation.run(Song.all(Path.of(args[1])), songs, Path.of(args[3]), Path.of(args[4]),
                    !(args.length > 5 && args[5].equals("--model-only")));
            default -> {
                System.err.println("unknown command " + args[0]);
                System.exit(2);
            }
        }
    }

    static Map<String, List<Examples.Example>> examples(List<SongMeasures> songs) {
        Map<String, List<Examples.Example>> ex = new LinkedHashMap<>();
        for (SongMeasures s : songs) {
            ex.put(s.song(), Examples.of(s, true));
        }
        return ex;
    }

    private static void train(List<SongMeasures> songs, Path out, Path report, Path folds, int k)
            throws IOException, InterruptedException {
        Map<String, List<Examples.Example>> examples = examples(songs);
        CrossValidation.Result cv = CrossValidation.run(songs, examples, k, folds, System.err);
        String figures = String.format(Locale.ROOT,
                "%d-fold song-grouped cross-validated RMS balance error over %d songs, %d stems (LU): model %.2f (given-level weight %.1f), plain sum %.2f,"
                        + " equal loudness %.2f, role table %.2f, model from audio alone %.2f; model worse than the plain sum on %d"
                        + " songs; role accuracy (names hidden) %.1f %%",
                Math.min(k, songs.size()), songs.size(), cv.folds().stream().mapToInt(f -> f.truth().length).sum(), cv.pooledRmsLu()[0], cv.weight(),
                cv.pooledRmsLu()[1], cv.pooledRmsLu()[2], cv.pooledRmsLu()[3], cv.pooledRmsLu()[4], cv.worseThanPlainSum(),
                cv.roleAccuracy() * 100);
        System.out.println(figures);
        List<Examples.Example> all = new ArrayList<>();
        examples.values().forEach(all::addAll);
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("songs", Integer.toString(songs.size()));
        facts.put("examples", Integer.toString(all.size()));
        facts.put("trees", Integer.toString(Forests.TREES));
        facts.put("seed", Long.toString(Forests.SEED));
        facts.put("cv_rms_lu", String.format(Locale.ROOT, "%.2f", cv.pooledRmsLu()[0]));
        BalanceModel.of(Forests.balance(all), Training.medians(all), facts).withBlendWeight(cv.weight())
                .save(out.resolve(BalanceModel.NAME));
        Map<String, String> roleFacts = new LinkedHashMap<>();
        roleFacts.put("songs", Integer.toString(songs.size()));
        roleFacts.put("examples", Integer.toString(all.size()));
        roleFacts.put("trees", Integer.toString(Forests.TREES));
        roleFacts.put("seed", Long.toString(Forests.SEED));
        roleFacts.put("cv_accuracy", String.format(Locale.ROOT, "%.3f", cv.roleAccuracy()));
        // Not bundled (yet): at ~12 MB and below the 80 % the issue asks, the role classifier is neither small nor good
        // enough to replace the audio rules; it is written beside the fold models for inspection (ADR 0011).
        Path roleOut = folds != null ? folds.resolve(RoleClassifier.NAME) : out.resolve("unbundled-" + RoleClassifier.NAME);
        RoleClassifier.of(Forests.roles(all), roleFacts).save(roleOut);
        if (report != null) {
            List<String> lines = new ArrayList<>();
            lines.add(figures);
            lines.add("song\tstems\tmodel\tplain_sum\tequal_loudness\trole_table\taudio_only\troles_right");
            for (CrossValidation.Fold f : cv.folds()) {
                double[] r = f.rmsLu(cv.weight());
                lines.add(String.format(Locale.ROOT, "%s\t%d\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%d", f.song(), f.truth().length, r[0], r[1],
                        r[2], r[3], r[4], f.rolesRight()));
            }
            Files.write(report, lines);
        }
    }

    /** Every song's measures, from the cache or measured now (two songs at a time). */
    static List<SongMeasures> measure(Path songsDir, MeasureCache cache) throws IOException, InterruptedException {
        List<Song> songs = Song.all(songsDir);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())));
        try {
            List<Future<SongMeasures>> futures = new ArrayList<>();
            for (Song s : songs) {
                futures.add(pool.submit(() -> cache.get(s)));
            }
            List<SongMeasures> out = new ArrayList<>();
            for (Future<SongMeasures> f : futures) {
                try {
                    SongMeasures m = f.get();
                    out.add(m);
                } catch (ExecutionException e) {
                    throw new IOException(e.getCause());
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
