package dev.mixdown.balance;

import dev.mixdown.dsp.mix.StemRole;
import dev.mixdown.dsp.mix.balance.BalanceFeatures;
import dev.mixdown.dsp.mix.balance.BalanceModel;
import dev.mixdown.dsp.mix.balance.RoleClassifier;
import dev.mixdown.dsp.mix.balance.StemMeasures;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Cross-validation grouped by song: the songs are dealt into {@code k} folds (song i into fold
 * i mod k; k = the number of songs is leave-one-song-out), both forests are trained on the other
 * folds only and every song of the held-out fold is judged, its stems re-levelled at random (−12 to +6 dB, seeded by its name). The
 * balance error is each stem's loudness relative to the mix against the author's (from the
 * reference mix), in LU, beside three baselines: the plain sum of the re-levelled stems, every stem
 * at equal loudness, and the role table. The model's answer is its audio prediction blended with
 * the level the stem came in at ({@link BalanceModel#blend}); the blend weight is chosen here, on
 * the pooled cross-validated error.
 */
final class CrossValidation {
    static final double RELEVEL_MIN_DB = -12;
    static final double RELEVEL_MAX_DB = 6;
    static final String[] METHODS = {"model", "plain sum", "equal loudness", "role table", "model, audio only"};
    /** Blend weights of the given level tried, 0 (audio only) to 1 (the plain sum). */
    static final double[] WEIGHTS = {0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1};

    /** One held-out song: per playing stem, the truth and every method's level (relative, any offset). */
    record Fold(String song, List<StemMeasures> stems, double[] truth, double[] audioModel, double[] given, double[] table,
            int rolesRight) {
        double[] blended(double weight) {
            double[] out = new double[audioModel.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = BalanceModel.blend(audioModel[i], given[i], weight);
            }
            return out;
        }

        /** RMS error of levels (relative to the mix after summing) against the author's, LU. */
        double rmsLu(double[] levels) {
            double[] rel = MixBalance.relativeToMix(stems, levels);
            double s = 0;
            for (int i = 0; i < rel.length; i++) {
                s += (rel[i] - truth[i]) * (rel[i] - truth[i]);
            }
            return Math.sqrt(s / rel.length);
        }

        /** Errors in {@link #METHODS} order. */
        double[] rmsLu(double weight) {
            return new double[] {rmsLu(blended(weight)), rmsLu(given), rmsLu(new double[truth.length]), rmsLu(table),
                rmsLu(audioModel)};
        }
    }

    record Result(List<Fold> folds, double weight, double[] pooledRmsLu, double roleAccuracy, int worseThanPlainSum) {
    }

    private CrossValidation() {
    }

    /**
     * @param modelsDir where each fold's models are written ({@code DIR/SONG/balance-model.*}, {@code role-model.*}) for the
     *                  engine evaluation, or null; their blend weight is set once it is chosen
     */
    static Result run(List<SongMeasures> songs, Map<String, List<Examples.Example>> examples, int k, Path modelsDir,
            PrintStream log) throws IOException, InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())));
        List<Future<List<FoldModels>>> futures = new ArrayList<>();
        int groups = Math.max(2, Math.min(k, songs.size()));
        for (int g = 0; g < groups; g++) {
            List<SongMeasures> held = new ArrayList<>();
            for (int i = g; i < songs.size(); i += groups) {
                held.add(songs.get(i));
            }
            futures.add(pool.submit(() -> fold(held, examples)));
        }
        List<Fold> folds = new ArrayList<>();
        List<FoldModels> models = new ArrayList<>();
        try {
            for (Future<List<FoldModels>> f : futures) {
                for (FoldModels m : f.get()) {
                    models.add(m);
                    folds.add(m.fold());
                    log.printf(Locale.ROOT, "held out %-40s done%n", m.fold().song());
                }
            }
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        double best = 0;
        double bestRms = Double.POSITIVE_INFINITY;
        for (double w : WEIGHTS) {
            double rms = pooled(folds, w)[0];
            log.printf(Locale.ROOT, "blend weight %.1f: pooled RMS %.2f LU%n", w, rms);
            if (rms < bestRms - 1e-9) {
                bestRms = rms;
                best = w;
            }
        }
        int right = 0;
        int total = 0;
        int worse = 0;
        for (Fold f : folds) {
            double[] r = f.rmsLu(best);
            right += f.rolesRight();
            total += f.truth().length;
            if (r[0] > r[1] + 1e-9) {
                worse++;
            }
            log.printf(Locale.ROOT, "%-40s %2d stems  model %5.2f  plain %5.2f  equal %5.2f  roles %5.2f  audio-only %5.2f LU  roles right %d/%d%n",
                    f.song(), f.truth().length, r[0], r[1], r[2], r[3], r[4], f.rolesRight(), f.truth().length);
        }
        if (modelsDir != null) {
            for (FoldModels m : models) {
                m.balance().withBlendWeight(best).save(modelsDir.resolve(m.fold().song()).resolve(BalanceModel.NAME));
                m.roles().save(modelsDir.resolve(m.fold().song()).resolve(RoleClassifier.NAME));
            }
        }
        return new Result(folds, best, pooled(folds, best), total == 0 ? 0 : (double) right / total, worse);
    }

    /** RMS over all stems of all folds, per method. */
    static double[] pooled(List<Fold> folds, double weight) {
        double[] sq = new double[METHODS.length];
        int n = 0;
        for (Fold f : folds) {
            double[] r = f.rmsLu(weight);
            for (int m = 0; m < sq.length; m++) {
                sq[m] += r[m] * r[m] * f.truth().length;
            }
            n += f.truth().length;
        }
        for (int m = 0; m < sq.length; m++) {
            sq[m] = Math.sqrt(sq[m] / Math.max(1, n));
        }
        return sq;
    }

    private record FoldModels(Fold fold, BalanceModel balance, RoleClassifier roles) {
    }

    /** Trains both forests without the {@code held} songs and judges them on each. */
    private static List<FoldModels> fold(List<SongMeasures> held, Map<String, List<Examples.Example>> examples) {
        List<String> names = held.stream().map(SongMeasures::song).toList();
        List<Examples.Example> train = new ArrayList<>();
        examples.forEach((song, list) -> {
            if (!names.contains(song)) {
                train.addAll(list);
            }
        });
        Map<String, String> facts = Map.of("held_out", String.join(" ", names));
        BalanceModel model = BalanceModel.of(Forests.balance(train), Training.medians(train), facts);
        RoleClassifier roles = RoleClassifier.of(Forests.roles(train), facts);
        List<FoldModels> out = new ArrayList<>();
        for (SongMeasures s : held) {
            out.add(new FoldModels(judge(s, model, roles), model, roles));
        }
        return out;
    }

    /** The held-out song, whole, its playing stems re-levelled at random. */
    static Fold judge(SongMeasures song, BalanceModel model, RoleClassifier roles) {
        List<StemMeasures> stems = new ArrayList<>();
        List<StemRole> roleList = new ArrayList<>();
        Random random = new Random(song.song().hashCode() ^ 0x5EEDL);
        List<Double> gains = new ArrayList<>();
        for (int i = 0; i < song.whole().stems().size(); i++) {
            double g = RELEVEL_MIN_DB + (RELEVEL_MAX_DB - RELEVEL_MIN_DB) * random.nextDouble();
            if (song.whole().stems().get(i).plays()) {
                stems.add(song.whole().stems().get(i));
                roleList.add(song.roles().get(i));
                gains.add(g);
            }
        }
        int n = stems.size();
        double[] truth = new double[n];
        double[] given = new double[n];
        double meanGiven = 0;
        for (int i = 0; i < n; i++) {
            truth[i] = stems.get(i).activeLufs() - song.mixActiveLufs();
            given[i] = stems.get(i).activeLufs() + gains.get(i);
            meanGiven += given[i] / n;
        }
        double[][] all = BalanceFeatures.all(stems, roleList);
        double[][] audio = BalanceFeatures.audio(stems);
        double[] predicted = new double[n];
        double[] table = new double[n];
        int right = 0;
        for (int i = 0; i < n; i++) {
            given[i] -= meanGiven;
            predicted[i] = model.predict(all[i]);
            table[i] = roleList.get(i).relativeLu;
            if (roles.guess(audio[i]).role() == roleList.get(i)) {
                right++;
            }
        }
        return new Fold(song.song(), stems, truth, predicted, given, table, right);
    }
}
