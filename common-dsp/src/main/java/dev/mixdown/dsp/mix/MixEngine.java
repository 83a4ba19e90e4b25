package dev.mixdown.dsp.mix;

import dev.mixdown.dsp.EngineVersion;
import dev.mixdown.dsp.analysis.ProgramAnalyzer;
import dev.mixdown.dsp.dither.TpdfDither;
import dev.mixdown.dsp.dynamics.Compressor;
import dev.mixdown.dsp.io.AudioFiles;
import dev.mixdown.dsp.io.AudioSink;
import dev.mixdown.dsp.io.AudioSource;
import dev.mixdown.dsp.io.AudioStreamInfo;
import dev.mixdown.dsp.io.OutputFormat;
import dev.mixdown.dsp.io.OutputFormat.BitDepth;
import dev.mixdown.dsp.master.Deliverable;
import dev.mixdown.dsp.master.MasterEngine;
import dev.mixdown.dsp.master.MasterJob;
import dev.mixdown.dsp.master.MasterReport;
import dev.mixdown.dsp.master.MasterSettings;
import dev.mixdown.dsp.master.ProgressListener;
import dev.mixdown.dsp.meter.LoudnessMeter;
import dev.mixdown.dsp.mix.balance.BalanceModel;
import dev.mixdown.dsp.mix.balance.RoleClassifier;
import dev.mixdown.dsp.processor.ProcessSpec;
import dev.mixdown.dsp.report.MixPlots;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * Mixes stems into stereo: analyse every stem → plan (roles, targets, pans, EQ, compression,
 * sends, unmasking) → measure each processed stem to set its gain → mix all stems in one
 * streaming pass (inserts, gain, unmasking, pan, reverb and delay sends, bus compressor) → leave
 * headroom, or hand the mix to the master engine.
 *
 * <p>Memory is bounded by the number of stems, not their length: every stem is read block by
 * block, at the mix rate, side by side.
 */
public final class MixEngine {
    static final int BLOCK = 4096;
    static final int UNMASK_BLOCK = 512;
    /** Sample-peak ceiling of a mix that is not mastered next. */
    public static final double HEADROOM_DBFS = -3.0;
    /** How far a competing part dips in the lead's key band while the lead plays. */
    static final double UNMASK_DEPTH_DB = -4.0;
    static final double UNMASK_HZ = 2500;

    private final ProgressListener progress;
    private final Supplier<BalanceModel> balanceModel;
    private final RoleClassifier roleClassifier;

    /**
     * @param balanceModel   gain staging's balance model, or null for the role table
     * @param roleClassifier infers roles from audio where names say nothing, or null for the audio rules
     */
    public MixEngine(ProgressListener progress, BalanceModel balanceModel, RoleClassifier roleClassifier) {
        this.progress = progress == null ? ProgressListener.NONE : progress;
        this.balanceModel = () -> balanceModel;
        this.roleClassifier = roleClassifier;
    }

    /** With the bundled balance model (loaded by the first mix that needs it, unless loaded before) and role classifier. */
    public MixEngine(ProgressListener progress) {
        this.progress = progress == null ? ProgressListener.NONE : progress;
        this.balanceModel = BalanceModel::bundled;
        this.roleClassifier = RoleClassifier.bundled();
    }

    public MixEngine() {
        this(ProgressListener.NONE);
    }

    /** Mixes {@code job}; when {@code masterDeliverables} is not empty the mix is mastered to them in the same call. */
    public MixReport mix(MixJob job, MasterSettings masterSettings, List<Deliverable> masterDeliverables) throws IOException {
        return mix(job, masterSettings, masterDeliverables, StemArrival.READY);
    }

    /**
     * Mixes {@code job} while its stems may still be arriving: each stem is awaited just before
     * its first read (the analysis, in stem order), so fetching and analysing overlap.
     */
    public MixReport mix(MixJob job, MasterSettings masterSettings, List<Deliverable> masterDeliverables, StemArrival arrival)
            throws IOException {
        return mix(job, masterSettings, masterDeliverables, arrival, Set.of());
    }

    /**
     * Mixes {@code job} with the stems at {@code silenced} (indices) planned as if they played but
     * silent in the mix pass: the plan, the lead, the bus compressor and the unmasking stay the
     * full mix's, so where the silenced stems are quiet anyway the result equals the full mix
     * (a delivery package's versions: instrumental, TV mix and so on).
     */
    public MixReport mix(MixJob job, MasterSettings masterSettings, List<Deliverable> masterDeliverables, StemArrival arrival,
            Set<Integer> silenced) throws IOException {
        Files.createDirectories(job.workDir());
        List<StemSpec> specs = job.stems();
        int n = specs.size();
        List<String> warnings = new ArrayList<>();

        // the balance model loads (once per JVM, a few seconds) while the stems are analysed
        FutureTask<BalanceModel> model = new FutureTask<>(balanceModel::get);
        Thread loader = new Thread(model, "balance-model-load");
        loader.setDaemon(true);
        loader.start();

        // 1. analyse every stem where it plays (stems are independent: one per core)
        List<StemAnalyzer> analyses = new ArrayList<>();
        List<AudioStreamInfo> infos = new ArrayList<>();
        List<Analysed> analysed = parallel(n, i -> {
            arrival.await(i);
            progress.progress("analyse " + specs.get(i).path().getFileName(), 0.25 * i / n);
            return analyse(specs.get(i));
        });
        for (Analysed a : analysed) {
            analyses.add(a.analyzer());
            infos.add(a.info());
        }
        int highest = 0;
        for (AudioStreamInfo info : infos) {
            highest = Math.max(highest, info.sampleRate());
        }
        int mixRate = job.mixRate() != 0 ? job.mixRate() : highest;
        long mixFrames = 0;
        for (AudioStreamInfo info : infos) {
            mixFrames = Math.max(mixFrames, Math.round((double) info.frames() * mixRate / info.sampleRate()));
        }

        // 2. plan
        List<StemPlan> plans = MixPlanner.plan(specs, analyses, loaded(model), roleClassifier);
        int lead = -1;
        for (StemPlan p : plans) {
            if (p.lead()) {
                lead = p.index();
            }
        }

        // 3. gain staging: measure each processed, panned stem where it plays
        List<Double> measured = parallel(n, i -> {
            StemPlan p = plans.get(i);
            if (p.spec().gainDb() != null) {
                return Double.NaN;
            }
            progress.progress("level " + p.spec().path().getFileName(), 0.25 + 0.35 * i / n);
            return measureProcessed(p, infos.get(i), mixRate);
        });
        double[] gainDb = new double[n];
        for (int i = 0; i < n; i++) {
            StemPlan p = plans.get(i);
            double m = measured.get(i);
            if (p.spec().gainDb() != null) {
                gainDb[i] = p.spec().gainDb();
            } else if (Double.isInfinite(m)) {
                warnings.add(p.spec().path().getFileName() + ": silent; left at unity gain");
                gainDb[i] = 0;
            } else {
                gainDb[i] = Math.max(-40, Math.min(40, p.targetLufs() - m));
                if (Math.abs(p.targetLufs() - m) > 40) {
                    warnings.add(String.format("%s: needed %.1f dB of gain, limited to ±40 dB", p.spec().path().getFileName(),
                            p.targetLufs() - m));
                }
            }
        }

        // 4. the mix pass
        progress.progress("mix", 0.6);
        Path premix = job.workDir().resolve("mix-" + System.nanoTime() + ".wav");
        MixPass pass = new MixPass(plans, infos, gainDb, lead, mixRate, job.stemsOut(), silenced);
        pass.run(premix, mixFrames);

        // 5. output: master it, or leave headroom
        MasterReport master = null;
        Path out = job.out();
        ProgramAnalyzer mixAnalysis;
        double trimDb = 0;
        String busNote;
        if (masterDeliverables != null && !masterDeliverables.isEmpty()) {
            progress.progress("master", 0.8);
            master = new MasterEngine().master(new MasterJob(premix, masterSettings, masterDeliverables,
                    job.workDir().resolve("master"), job.plotsDir() == null ? null : job.plotsDir().resolve("master")));
            busNote = "mastered: the bus feeds the master engine without a headroom trim";
            if (job.keepMix()) {
                trimDb = headroomTrimDb(pass.samplePeakDb());
                progress.progress("write", 0.9);
                mixAnalysis = write(premix, job, mixRate, trimDb);
                busNote += String.format("; the mix kept beside the masters is trimmed %.2f dB to leave the sample peak at or under %.0f dBFS",
                        trimDb, HEADROOM_DBFS);
            } else {
                out = masterDeliverables.get(0).path();
                try (AudioSource src = AudioFiles.open(out)) {
                    mixAnalysis = analyse(src);
                }
            }
        } else {
            double peakDb = pass.samplePeakDb();
            trimDb = job.headroom() ? headroomTrimDb(peakDb) : 0;
            progress.progress("write", 0.9);
            mixAnalysis = write(premix, job, mixRate, trimDb);
            busNote = trimDb < 0
                    ? String.format("trimmed %.2f dB to leave the sample peak at %.0f dBFS", trimDb, HEADROOM_DBFS)
                    : String.format("sample peak %.2f dBFS: no trim needed", peakDb);
        }
        Files.deleteIfExists(premix);

        List<MixReport.Stem> stems = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StemPlan p = plans.get(i);
            AudioStreamInfo info = infos.get(i);
            double before = analyses.get(i).activeLufs();
            double inMix = pass.inMixLufs(i);
            Compressor c = pass.compressor(i);
            stems.add(new MixReport.Stem(p.spec().path().toString(), info.sampleRate(), info.channels(),
                    round((double) info.frames() / info.sampleRate()), p.role().id(), p.roleSource(), p.roleEvidence(),
                    p.presence().id(), p.lead(), p.spec().mute(), p.targetLufs(), round(gainDb[i]), p.pan(), p.panReason(),
                    p.monoSum() && info.channels() == 2, p.eq(), p.compression(),
                    c == null ? null : round(c.stats().meanDb()), c == null ? null : round(c.stats().maxDb()),
                    finite(p.reverbSendDb()), finite(p.delaySendDb()), finite(round(before)),
                    p.spec().mute() ? null : finite(round(inMix)), round(analyses.get(i).activeFraction() * 100),
                    round(pass.unmaskingDeepestDb(i)), p.balance()));
        }
        Compressor bus = pass.busCompressor();
        MixReport.Bus busReport = new MixReport.Bus("algorithmic (8 combs, 4 allpasses per side), 20 ms pre-delay",
                lead >= 0 && plans.get(lead).role() == StemRole.VOCAL ? "stereo 280/330 ms, feedback 0.3, lead vocal only" : "none",
                pass.busPlan(), round(bus.stats().meanDb()), round(bus.stats().maxDb()), round(trimDb), busNote);
        if (job.plotsDir() != null) {
            MixPlots.write(job.plotsDir(), stems, mixAnalysis);
        }
        progress.progress("done", 1.0);
        return new MixReport(EngineVersion.get(), mixRate, out.toString(), stems, busReport, mixAnalysis.measurements(), master,
                job.stemsOut() == null ? null : job.stemsOut().toString(), warnings);
    }

    private static BalanceModel loaded(FutureTask<BalanceModel> model) throws IOException {
        try {
            return model.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while loading the balance model", e);
        } catch (ExecutionException e) {
            throw unwrap(e);
        }
    }

    private record Analysed(AudioStreamInfo info, StemAnalyzer analyzer) {
    }

    private static Analysed analyse(StemSpec spec) throws IOException {
        try (AudioSource src = AudioFiles.open(spec.path())) {
            AudioStreamInfo info = src.info();
            if (info.channels() > 2) {
                throw new IllegalArgumentException(spec.path() + ": " + info.channels() + " channels; stems must be mono or stereo");
            }
            StemAnalyzer a = new StemAnalyzer(info.sampleRate(), info.channels());
            float[][] block = new float[info.channels()][BLOCK];
            int k;
            long frames = 0;
            while ((k = src.read(block, 0, BLOCK)) > 0) {
                a.accept(block, 0, k);
                frames += k;
            }
            return new Analysed(new AudioStreamInfo(info.container(), info.sampleRate(), info.channels(), info.bitsPerSample(),
                    info.encoding(), frames), a);
        }
    }

    private interface StemTask<T> {
        T run(int index) throws IOException;
    }

    /** Runs {@code task} for stems 0..n-1 on all cores; results in stem order; the first failure is rethrown. */
    private static <T> List<T> parallel(int n, StemTask<T> task) throws IOException {
        int threads = Math.max(1, Math.min(n, Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "mix-stem");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> task.run(index)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            throw unwrap(e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The failure inside a stem task, as the IOException or RuntimeException it was. */
    static IOException unwrap(ExecutionException e) {
        Throwable c = e.getCause();
        if (c instanceof RuntimeException re) {
            throw re;
        }
        return c instanceof IOException io ? io : new IOException(c);
    }

    /** One pass of a stem through its inserts and pan, at the mix rate; returns its active loudness. */
    private static double measureProcessed(StemPlan p, AudioStreamInfo info, int mixRate) throws IOException {
        StemChannel stem = new StemChannel(p, info, mixRate, 0);
        try {
            LoudnessMeter meter = new LoudnessMeter();
            meter.prepare(mixRate, 2);
            float[][] out = new float[2][BLOCK];
            while (stem.next(out, BLOCK)) {
                meter.accept(out, 0, BLOCK);
            }
            return StemAnalyzer.activeLufsOf(meter.momentaryLufs());
        } finally {
            stem.close();
        }
    }

    /** The trim that leaves a sample peak of {@code peakDb} at or under {@link #HEADROOM_DBFS} (0 when it is already). */
    private static double headroomTrimDb(double peakDb) {
        return peakDb > HEADROOM_DBFS ? HEADROOM_DBFS - peakDb - 0.01 : 0;
    }

    private ProgramAnalyzer write(Path premix, MixJob job, int mixRate, double trimDb) throws IOException {
        BitDepth depth = job.depth() != null ? job.depth() : BitDepth.PCM_24;
        OutputFormat format = new OutputFormat(job.container(), mixRate, 2, depth);
        float gain = (float) Math.pow(10, trimDb / 20);
        TpdfDither dither = null;
        if (depth != BitDepth.FLOAT_32 && TpdfDither.isNeededFor(depth.bits)) {
            dither = new TpdfDither(depth.bits, 0x4D4958);
            dither.prepare(new ProcessSpec(mixRate, BLOCK, 2));
        }
        try (AudioSource src = AudioFiles.open(premix); AudioSink sink = AudioFiles.create(job.out(), format)) {
            float[][] block = new float[2][BLOCK];
            int k;
            while ((k = src.read(block, 0, BLOCK)) > 0) {
                for (float[] ch : block) {
                    for (int i = 0; i < k; i++) {
                        ch[i] *= gain;
                    }
                }
                if (dither != null) {
                    dither.process(block, 0, k);
                }
                sink.write(block, 0, k);
            }
        }
        try (AudioSource written = AudioFiles.open(job.out())) {
            return analyse(written);
        }
    }

    private static ProgramAnalyzer analyse(AudioSource src) throws IOException {
        ProgramAnalyzer a = new ProgramAnalyzer(src.info().sampleRate(), src.info().channels(), src.info().frames());
        float[][] block = new float[src.info().channels()][BLOCK];
        int k;
        while ((k = src.read(block, 0, BLOCK)) > 0) {
            a.accept(block, 0, k);
        }
        a.finish();
        return a;
    }

    static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 100) / 100.0 : v;
    }
}
