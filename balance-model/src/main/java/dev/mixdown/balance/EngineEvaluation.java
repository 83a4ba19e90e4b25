package dev.mixdown.balance;

import dev.mixdown.dsp.io.AudioFiles;
import dev.mixdown.dsp.io.AudioSink;
import dev.mixdown.dsp.io.AudioSource;
import dev.mixdown.dsp.io.OutputFormat;
import dev.mixdown.dsp.master.MasterSettings;
import dev.mixdown.dsp.mix.MixEngine;
import dev.mixdown.dsp.mix.MixJob;
import dev.mixdown.dsp.mix.MixReport;
import dev.mixdown.dsp.mix.StemAnalyzer;
import dev.mixdown.dsp.mix.StemSpec;
import dev.mixdown.dsp.mix.balance.BalanceModel;
import dev.mixdown.dsp.mix.balance.RoleClassifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The measurement, with the engine itself: each song's stems are re-levelled at random
 * (−12 to +6 dB, seeded by the song's name), mixed by {@link MixEngine} exactly as {@code mixdown
 * mix} does (same job, no options), once with the balance model trained without that song and
 * (unless model-only) once with the role table; each stem's active loudness relative to the
 * mix is compared with the author's. Beside them, the plain sum of the re-levelled stems and every
 * stem at equal loudness, measured on real sums. Errors are RMS over the song's playing stems, LU.
 */
final class EngineEvaluation {
    static final String[] METHODS = {"engine + model", "engine + role table", "plain sum", "equal loudness"};
    private static final int BLOCK = 4096;

    private EngineEvaluation() {
    }

    /** @param withRoleTable also mix every song with the role table (twice the time) */
    static void run(List<Song> songs, List<SongMeasures> measures, Path folds, Path work, boolean withRoleTable) throws IOException {
        double[] sq = new double[METHODS.length];
        int count = 0;
        int worse = 0;
        List<String> lines = new ArrayList<>();
        lines.add("song\tstems\t" + String.join("\t", METHODS));
        for (int s = 0; s < songs.size(); s++) {
            Song song = songs.get(s);
            Path fold = folds.resolve(song.name());
            if (!Files.isRegularFile(fold.resolve(BalanceModel.NAME + ".tribuo"))) {
                System.err.println(song.name() + ": no held-out model in " + fold + "; skipped");
                continue;
            }
            // the role classifier is not bundled (ADR 0011): roles come from names, then the audio rules, as in the engine
            double[] rms = judge(song, measures.get(s), BalanceModel.load(fold.resolve(BalanceModel.NAME)), null,
                    work.resolve(song.name()), withRoleTable);
            int n = (int) measures.get(s).whole().stems().stream().filter(m -> m.plays()).count();
            for (int m = 0; m < METHODS.length; m++) {
                sq[m] += rms[m] * rms[m] * n;
            }
            count += n;
            if (rms[0] > rms[2]) {
                worse++;
            }
            String line = String.format(Locale.ROOT, "%s\t%d\t%.2f\t%.2f\t%.2f\t%.2f", song.name(), n, rms[0], rms[1], rms[2], rms[3]);
            lines.add(line);
            System.out.println(line);
        }
        StringBuilder pooled = new StringBuilder(String.format(Locale.ROOT, "pooled RMS over %d stems (LU):", count));
        for (int m = 0; m < METHODS.length; m++) {
            pooled.append(String.format(Locale.ROOT, " %s %.2f;", METHODS[m], Math.sqrt(sq[m] / Math.max(1, count))));
        }
        pooled.append(String.format(Locale.ROOT, " model worse than the plain sum on %d of %d songs", worse, lines.size() - 1));
        lines.add(pooled.toString());
        System.out.println(pooled);
        Files.createDirectories(work);
        Files.write(work.resolve("eval-balance.tsv"), lines);
    }

    private static double[] judge(Song song, SongMeasures m, BalanceModel model, RoleClassifier roles, Path dir, boolean withRoleTable)
            throws IOException {
        deleteTree(dir);
        Path stemsDir = dir.resolve("stems");
        Files.createDirectories(stemsDir);
        int n = song.stems().size();
        Random random = new Random(song.name().hashCode() ^ 0x5EEDL);
        double[] gainDb = new double[n];
        double[] authorLufs = new double[n];
        for (int i = 0; i < n; i++) {
            gainDb[i] = CrossValidation.RELEVEL_MIN_DB + (CrossValidation.RELEVEL_MAX_DB - CrossValidation.RELEVEL_MIN_DB) * random.nextDouble();
            authorLufs[i] = m.whole().stems().get(i).activeLufs();
        }
        double[] sums = relevel(song, gainDb, authorLufs, stemsDir);
        List<StemSpec> specs = new ArrayList<>();
        for (Song.Stem st : song.stems()) {
            specs.add(StemSpec.of(stemsDir.resolve(st.path().getFileName())));
        }
        double[] viaModel = engine(specs, dir.resolve("model"), new MixEngine(null, model, roles));
        double[] viaTable = withRoleTable ? engine(specs, dir.resolve("table"), new MixEngine(null, null, null)) : new double[n];
        if (!withRoleTable) {
            java.util.Arrays.fill(viaTable, Double.NaN);
        }
        double[][] rel = new double[METHODS.length][n];
        for (int i = 0; i < n; i++) {
            rel[0][i] = viaModel[i];
            rel[1][i] = viaTable[i];
            rel[2][i] = authorLufs[i] + gainDb[i] - sums[0];
            rel[3][i] = -sums[1];
        }
        double[] rms = new double[METHODS.length];
        int playing = 0;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(authorLufs[i])) {
                continue;
            }
            playing++;
            double truth = authorLufs[i] - m.mixActiveLufs();
            for (int k = 0; k < METHODS.length; k++) {
                rms[k] += (rel[k][i] - truth) * (rel[k][i] - truth);
            }
        }
        for (int k = 0; k < METHODS.length; k++) {
            rms[k] = Math.sqrt(rms[k] / Math.max(1, playing));
        }
        deleteTree(dir);
        return rms;
    }

    /**
     * Writes the re-levelled stems and measures two sums on the way: the plain sum of the
     * re-levelled stems and the sum with every stem at 0 LUFS active loudness.
     *
     * @return the active loudness of the plain sum and of the equal-loudness sum
     */
    private static double[] relevel(Song song, double[] gainDb, double[] authorLufs, Path out) throws IOException {
        int n = song.stems().size();
        List<AudioSource> sources = new ArrayList<>();
        List<AudioSink> sinks = new ArrayList<>();
        try {
            int rate = 0;
            for (Song.Stem st : song.stems()) {
                AudioSource src = AudioFiles.open(st.path());
                sources.add(src);
                rate = src.info().sampleRate();
                sinks.add(AudioFiles.create(out.resolve(st.path().getFileName()),
                        new OutputFormat(OutputFormat.Container.WAV, rate, src.info().channels(), OutputFormat.BitDepth.FLOAT_32)));
            }
            StemAnalyzer plain = new StemAnalyzer(rate, 2);
            StemAnalyzer equal = new StemAnalyzer(rate, 2);
            float[][] block = new float[2][BLOCK];
            float[][] plainSum = new float[2][BLOCK];
            float[][] equalSum = new float[2][BLOCK];
            boolean more = true;
            while (more) {
                more = false;
                int frames = 0;
                for (float[] c : plainSum) {
                    java.util.Arrays.fill(c, 0f);
                }
                for (float[] c : equalSum) {
                    java.util.Arrays.fill(c, 0f);
                }
                for (int i = 0; i < n; i++) {
                    int channels = sources.get(i).info().channels();
                    float[][] in = channels == 2 ? block : new float[][] {block[0]};
                    int k = sources.get(i).read(in, 0, BLOCK);
                    if (k <= 0) {
                        continue;
                    }
                    more = true;
                    frames = Math.max(frames, k);
                    float g = (float) Math.pow(10, gainDb[i] / 20);
                    float e = Double.isFinite(authorLufs[i]) ? (float) Math.pow(10, -authorLufs[i] / 20) : 0f;
                    for (int ch = 0; ch < channels; ch++) {
                        for (int t = 0; t < k; t++) {
                            in[ch][t] *= g;
                        }
                    }
                    sinks.get(i).write(in, 0, k);
                    for (int ch = 0; ch < 2; ch++) {
                        float[] src = in[Math.min(ch, channels - 1)];
                        for (int t = 0; t < k; t++) {
                            plainSum[ch][t] += src[t];
                            equalSum[ch][t] += src[t] / g * e;
                        }
                    }
                }
                if (frames > 0) {
                    plain.accept(plainSum, 0, frames);
                    equal.accept(equalSum, 0, frames);
                }
            }
            return new double[] {plain.activeLufs(), equal.activeLufs()};
        } finally {
            for (AudioSource s : sources) {
                s.close();
            }
            for (AudioSink s : sinks) {
                s.close();
            }
        }
    }

    /** Mixes the stems as `mixdown mix STEMS --out MIX` does; each stem's active loudness relative to the mix, LU. */
    private static double[] engine(List<StemSpec> specs, Path dir, MixEngine engine) throws IOException {
        Files.createDirectories(dir);
        Path out = dir.resolve("mix.wav");
        MixReport r = engine.mix(new MixJob(specs, out, OutputFormat.Container.WAV, null, 0, null, dir.resolve("work"), null, true),
                MasterSettings.defaults(), List.of());
        double mix;
        try (AudioSource src = AudioFiles.open(out)) {
            StemAnalyzer a = new StemAnalyzer(src.info().sampleRate(), src.info().channels());
            float[][] block = new float[src.info().channels()][BLOCK];
            int k;
            while ((k = src.read(block, 0, BLOCK)) > 0) {
                a.accept(block, 0, k);
            }
            mix = a.activeLufs() - r.bus().headroomTrimDb();
        }
        double[] rel = new double[specs.size()];
        for (int i = 0; i < rel.length; i++) {
            Double inMix = r.stems().get(i).loudnessInMixLufs();
            rel[i] = inMix == null ? Double.NaN : inMix - mix;
        }
        return rel;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
