package dev.mixdown.dsp.mix;

import dev.mixdown.dsp.EngineVersion;
import dev.mixdown.dsp.analysis.ProgramAnalyzer;
import dev.mixdown.dsp.dither.TpdfDither;
import dev.mixdown.dsp.dynamics.Compressor;
import dev.mixdown.dsp.dynamics.Detection;
import dev.mixdown.dsp.filter.Biquad;
import dev.mixdown.dsp.filter.BiquadShape;
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
import dev.mixdown.dsp.processor.ProcessSpec;
import dev.mixdown.dsp.report.MixPlots;
import dev.mixdown.dsp.resample.ResamplingSource;
import dev.mixdown.dsp.reverb.Reverb;
import dev.mixdown.dsp.reverb.StereoDelay;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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

    public MixEngine(ProgressListener progress) {
        this.progress = progress == null ? ProgressListener.NONE : progress;
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
        List<StemPlan> plans = MixPlanner.plan(specs, analyses);
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
            out = masterDeliverables.get(0).path();
            try (AudioSource src = AudioFiles.open(out)) {
                mixAnalysis = analyse(src);
            }
            busNote = "mastered: the bus feeds the master engine without a headroom trim";
        } else {
            double peakDb = pass.samplePeakDb();
            trimDb = job.headroom() && peakDb > HEADROOM_DBFS ? HEADROOM_DBFS - peakDb - 0.01 : 0;
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
                    round(pass.unmaskingDeepestDb(i))));
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
    private static IOException unwrap(ExecutionException e) {
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

    /** The all-stems pass: inserts, gain, unmasking, pan, sends, returns, bus compressor, into a float file. */
    private static final class MixPass {
        private final List<StemPlan> plans;
        private final List<AudioStreamInfo> infos;
        private final double[] gainDb;
        private final int lead;
        private final int mixRate;
        private final Path stemsOut;
        private final Set<Integer> silenced;
        private final StemChannel[] channels;
        private final LoudnessMeter[] inMix;
        private final DynamicPeak[] unmask;
        private final Compressor busCompressor;
        private final StemPlan.Compression busPlan;
        private double samplePeak;

        MixPass(List<StemPlan> plans, List<AudioStreamInfo> infos, double[] gainDb, int lead, int mixRate, Path stemsOut,
                Set<Integer> silenced) {
            this.plans = plans;
            this.silenced = silenced;
            this.infos = infos;
            this.gainDb = gainDb;
            this.lead = lead;
            this.mixRate = mixRate;
            this.stemsOut = stemsOut;
            int n = plans.size();
            this.channels = new StemChannel[n];
            this.inMix = new LoudnessMeter[n];
            this.unmask = new DynamicPeak[n];
            double predicted = 0;
            for (int i = 0; i < n; i++) {
                if (!plans.get(i).spec().mute()) {
                    predicted += Math.pow(10, plans.get(i).targetLufs() / 10);
                }
            }
            double mixLufs = predicted > 0 ? 10 * Math.log10(predicted) : -20;
            this.busPlan = new StemPlan.Compression(round(mixLufs + 3), 2.0, 6, 30, 200, "RMS");
            this.busCompressor = new Compressor(busPlan.thresholdDb(), busPlan.ratio(), busPlan.kneeDb(), busPlan.attackMs(),
                    busPlan.releaseMs(), 0, Detection.RMS, 0);
            busCompressor.prepare(new ProcessSpec(mixRate, BLOCK, 2));
        }

        /** One stem's block: read and process (the lead was read already), dip, mute, meter, write. */
        private void contribute(int i, float[][] c, int frames, double[] duckDb, List<AudioSink> stemSinks) throws IOException {
            if (i != lead) {
                channels[i].next(c, BLOCK);
            }
            if (unmask[i] != null) {
                for (int sb = 0; sb < duckDb.length; sb++) {
                    unmask[i].setGainDb(duckDb[sb]);
                    unmask[i].process(c, sb * UNMASK_BLOCK, UNMASK_BLOCK);
                }
            }
            if (plans.get(i).spec().mute() || silenced.contains(i)) {
                Arrays.fill(c[0], 0f);
                Arrays.fill(c[1], 0f);
            }
            inMix[i].accept(c, 0, frames);
            if (!stemSinks.isEmpty()) {
                stemSinks.get(i).write(c, 0, frames);
            }
        }

        void run(Path premix, long mixFrames) throws IOException {
            int n = plans.size();
            ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(n, Runtime.getRuntime().availableProcessors())), r -> {
                Thread t = new Thread(r, "mix-pass");
                t.setDaemon(true);
                return t;
            });
            List<AudioSink> stemSinks = new ArrayList<>();
            AudioSink reverbSink = null;
            AudioSink delaySink = null;
            try (AudioSink out = AudioFiles.create(premix, new OutputFormat(OutputFormat.Container.WAV, mixRate, 2, BitDepth.FLOAT_32))) {
                OutputFormat stemFormat = new OutputFormat(OutputFormat.Container.WAV, mixRate, 2, BitDepth.FLOAT_32);
                for (int i = 0; i < n; i++) {
                    channels[i] = new StemChannel(plans.get(i), infos.get(i), mixRate, gainDb[i]);
                    inMix[i] = new LoudnessMeter();
                    inMix[i].prepare(mixRate, 2);
                    if (plans.get(i).unmask()) {
                        unmask[i] = new DynamicPeak(mixRate, UNMASK_HZ, 0.8, 2);
                    }
                    if (stemsOut != null) {
                        Files.createDirectories(stemsOut);
                        String name = String.format("%02d_%s.wav", i + 1, plans.get(i).spec().path().getFileName().toString()
                                .replaceFirst("\\.[A-Za-z0-9]+$", ""));
                        stemSinks.add(AudioFiles.create(stemsOut.resolve(name), stemFormat));
                    }
                }
                if (stemsOut != null) {
                    reverbSink = AudioFiles.create(stemsOut.resolve("reverb-return.wav"), stemFormat);
                    delaySink = AudioFiles.create(stemsOut.resolve("delay-return.wav"), stemFormat);
                }
                ProcessSpec stereo = new ProcessSpec(mixRate, BLOCK, 2);
                Reverb reverb = new Reverb(0.6, 0.5, 20);
                reverb.prepare(stereo);
                StereoDelay delay = new StereoDelay(280, 330, 0.3, 4000);
                delay.prepare(stereo);
                Biquad keyHigh = new Biquad(BiquadShape.HIGH_PASS, 1000, Math.sqrt(0.5), 0);
                Biquad keyLow = new Biquad(BiquadShape.LOW_PASS, 4000, Math.sqrt(0.5), 0);
                keyHigh.prepare(new ProcessSpec(mixRate, UNMASK_BLOCK, 1));
                keyLow.prepare(new ProcessSpec(mixRate, UNMASK_BLOCK, 1));

                float[][] sum = new float[2][BLOCK];
                float[][] rev = new float[2][BLOCK];
                float[][] dly = new float[2][BLOCK];
                float[][][] contributions = new float[n][2][BLOCK];
                float[][] leadBlock = new float[2][BLOCK];
                int threads = Math.max(1, Math.min(n, Runtime.getRuntime().availableProcessors()));
                float[][] key = new float[1][UNMASK_BLOCK];
                double[] duckDb = new double[BLOCK / UNMASK_BLOCK];
                double duck = 0;
                for (long done = 0; done < mixFrames; done += BLOCK) {
                    int frames = (int) Math.min(BLOCK, mixFrames - done);
                    for (float[][] b : new float[][][] {sum, rev, dly}) {
                        Arrays.fill(b[0], 0f);
                        Arrays.fill(b[1], 0f);
                    }
                    // the lead first: its key band decides how far the others yield in each sub-block
                    Arrays.fill(duckDb, 0);
                    if (lead >= 0) {
                        channels[lead].next(leadBlock, BLOCK);
                        for (int sb = 0; sb < duckDb.length; sb++) {
                            for (int i = 0; i < UNMASK_BLOCK; i++) {
                                key[0][i] = 0.5f * (leadBlock[0][sb * UNMASK_BLOCK + i] + leadBlock[1][sb * UNMASK_BLOCK + i]);
                            }
                            keyHigh.process(key, 0, UNMASK_BLOCK);
                            keyLow.process(key, 0, UNMASK_BLOCK);
                            double ms = 0;
                            for (int i = 0; i < UNMASK_BLOCK; i++) {
                                ms += key[0][i] * key[0][i];
                            }
                            double db = 10 * Math.log10(ms / UNMASK_BLOCK + 1e-20);
                            double activity = Math.max(0, Math.min(1, (db + 50) / 15));
                            double want = UNMASK_DEPTH_DB * activity;
                            duck = want < duck ? want : duck + (want - duck) * 0.2; // dip at once, recover over ~50 ms
                            duckDb[sb] = duck;
                        }
                    }
                    // every stem's contribution, the stems spread over the cores (each touches only its own state)
                    final int blockFrames = frames;
                    List<Callable<Void>> stripes = new ArrayList<>();
                    for (int t = 0; t < threads; t++) {
                        int stripe = t;
                        stripes.add(() -> {
                            for (int i = stripe; i < n; i += threads) {
                                contribute(i, i == lead ? leadBlock : contributions[i], blockFrames, duckDb, stemSinks);
                            }
                            return null;
                        });
                    }
                    for (Future<Void> f : pool.invokeAll(stripes)) {
                        f.get();
                    }
                    // summed in stem order, so the result does not depend on which core did what
                    for (int i = 0; i < n; i++) {
                        float[][] c = i == lead ? leadBlock : contributions[i];
                        float rs = (float) Math.pow(10, plans.get(i).reverbSendDb() / 20);
                        float ds = (float) Math.pow(10, plans.get(i).delaySendDb() / 20);
                        for (int ch = 0; ch < 2; ch++) {
                            for (int k = 0; k < BLOCK; k++) {
                                float v = c[ch][k];
                                sum[ch][k] += v;
                                rev[ch][k] += v * rs;
                                dly[ch][k] += v * ds;
                            }
                        }
                    }
                    reverb.process(rev, 0, BLOCK);
                    delay.process(dly, 0, BLOCK);
                    if (reverbSink != null) {
                        reverbSink.write(rev, 0, frames);
                        delaySink.write(dly, 0, frames);
                    }
                    for (int ch = 0; ch < 2; ch++) {
                        for (int k = 0; k < BLOCK; k++) {
                            sum[ch][k] += rev[ch][k] + dly[ch][k];
                        }
                    }
                    busCompressor.process(sum, 0, frames);
                    for (int ch = 0; ch < 2; ch++) {
                        for (int k = 0; k < frames; k++) {
                            samplePeak = Math.max(samplePeak, Math.abs(sum[ch][k]));
                        }
                    }
                    out.write(sum, 0, frames);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while mixing", e);
            } catch (ExecutionException e) {
                throw unwrap(e);
            } finally {
                pool.shutdownNow();
                for (StemChannel c : channels) {
                    if (c != null) {
                        c.close();
                    }
                }
                for (AudioSink s : stemSinks) {
                    s.close();
                }
                if (reverbSink != null) {
                    reverbSink.close();
                    delaySink.close();
                }
            }
        }

        double samplePeakDb() {
            return 20 * Math.log10(samplePeak);
        }

        double inMixLufs(int i) {
            return StemAnalyzer.activeLufsOf(inMix[i].momentaryLufs());
        }

        Compressor compressor(int i) {
            return channels[i].compressor();
        }

        double unmaskingDeepestDb(int i) {
            return unmask[i] == null ? 0 : unmask[i].deepestDb();
        }

        Compressor busCompressor() {
            return busCompressor;
        }

        StemPlan.Compression busPlan() {
            return busPlan;
        }
    }

    static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 100) / 100.0 : v;
    }
}
