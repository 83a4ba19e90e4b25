package dev.mixdown.dsp.master;

import dev.mixdown.dsp.EngineVersion;
import dev.mixdown.dsp.analysis.ProgramAnalyzer;
import dev.mixdown.dsp.analysis.ProgramMeasurements;
import dev.mixdown.dsp.dither.TpdfDither;
import dev.mixdown.dsp.io.AudioFiles;
import dev.mixdown.dsp.io.AudioSink;
import dev.mixdown.dsp.io.AudioSource;
import dev.mixdown.dsp.io.AudioStreamInfo;
import dev.mixdown.dsp.io.OutputFormat;
import dev.mixdown.dsp.io.OutputFormat.BitDepth;
import dev.mixdown.dsp.io.ReadAheadSource;
import dev.mixdown.dsp.io.SampleEncoding;
import dev.mixdown.dsp.meter.LoudnessMeter;
import dev.mixdown.dsp.processor.ProcessSpec;
import dev.mixdown.dsp.report.MasterPlots;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Masters one input to one or more deliverables: analyse → plan → render → verify.
 *
 * <ol>
 *   <li>Analyse the input (loudness, peaks, spectrum, stereo image) and any reference tracks.</li>
 *   <li>Plan EQ, dynamics and width ({@link MasterPlanner}).</li>
 *   <li>Render the plan once into a 32-bit float pre-master in the work folder.</li>
 *   <li>Per deliverable: search the gain that puts the limited signal on the target loudness, then
 *       render (rate conversion, gain, true-peak limiter, dither) into the file.</li>
 *   <li>Verify: measure the file as written; if it misses the target by more than 0.05 LU or its
 *       true peak is over the ceiling, correct the gain or the limiter's ceiling and render again.</li>
 * </ol>
 * Every pass streams; memory does not grow with the length of the input.
 */
public final class MasterEngine {
    /** The promise: delivered loudness within this of the target. */
    public static final double TARGET_TOLERANCE_LU = 0.1;
    static final double SEARCH_TOLERANCE_LU = 0.01;
    static final double VERIFY_TOLERANCE_LU = 0.04;
    /**
     * The limiter aims this far under the ceiling, and a delivered file whose true peak comes within
     * {@link #VERIFY_PEAK_MARGIN_DB} of the ceiling on our meter is rendered again: other BS.1770
     * meters interpolate differently and read heavily limited material up to about 0.04 dB higher.
     */
    static final double LIMITER_MARGIN_DB = 0.1;
    static final double VERIFY_PEAK_MARGIN_DB = 0.05;
    /** Where an MP3's limiter starts under the ceiling; the check after decoding corrects it. */
    static final double MP3_HEADROOM_DB = 1.0;
    /** Limiting beyond this is not "sane": the engine delivers less loud and says by how much. */
    static final double MAX_MEAN_LIMITING_DB = 5.0;
    static final double MAX_PEAK_LIMITING_DB = 18.0;
    private static final int MAX_SEARCH_PASSES = 10;
    private static final int MAX_RENDER_PASSES = 5;
    private static final long DITHER_SEED = 0x4D49584C;
    private static final int BLOCK = 4096;

    private final ProgressListener progress;
    private double lastFraction;

    public MasterEngine(ProgressListener progress) {
        ProgressListener p = progress == null ? ProgressListener.NONE : progress;
        this.progress = (stage, fraction) -> {
            lastFraction = fraction;
            p.progress(stage, fraction);
        };
    }

    public MasterEngine() {
        this(ProgressListener.NONE);
    }

    public MasterReport master(MasterJob job) throws IOException {
        return master(job, null, null);
    }

    /**
     * Masters {@code job} through a plan decided elsewhere (a package's version through its main's
     * chain): no analysis-driven planning. {@code fixedGainDb}, when not null, sets the gain instead
     * of searching for the target (the main's gain, for "sonically identical" versions); the
     * true-peak ceiling holds either way.
     */
    public MasterReport master(MasterJob job, MasterPlan givenPlan, Double fixedGainDb) throws IOException {
        Prepared p = prepare(job, 0.0, 0.4, givenPlan);
        List<MasterReport.DeliveredFile> delivered = new ArrayList<>();
        List<String> warnings = new ArrayList<>(p.warnings());
        ProgramAnalyzer firstAfter = null;
        for (int i = 0; i < job.deliverables().size(); i++) {
            Deliverable d = job.deliverables().get(i);
            double base = 0.4 + 0.55 * i / job.deliverables().size();
            double share = 0.55 / job.deliverables().size();
            Delivery result = deliver(p, d, fixedGainDb, base, share);
            delivered.add(result.report());
            warnings.addAll(result.warnings());
            if (firstAfter == null) {
                firstAfter = result.after();
            }
        }
        return finish(job, p, delivered, warnings, firstAfter);
    }

    /**
     * Masters the tracks of an album together: each gets its own tone and dynamics plan, but all
     * take the same gain, the one that puts the loudest track on the target, so the loudness
     * relations between the tracks stay as they were. Every track's true peak holds its ceiling.
     * The first deliverable of each job sets the target; all jobs must share it.
     */
    public List<MasterReport> masterAlbum(List<MasterJob> tracks) throws IOException {
        if (tracks.isEmpty()) {
            throw new IllegalArgumentException("an album needs at least one track");
        }
        DeliveryTarget target = tracks.get(0).deliverables().get(0).target();
        for (MasterJob t : tracks) {
            for (Deliverable d : t.deliverables()) {
                if (!d.target().equals(target)) {
                    throw new IllegalArgumentException(d.path() + ": every deliverable of an album takes the same target ("
                            + target.name() + ")");
                }
            }
        }
        List<Prepared> prepared = new ArrayList<>();
        for (int i = 0; i < tracks.size(); i++) {
            prepared.add(prepare(tracks.get(i), 0.5 * i / tracks.size(), 0.5 / tracks.size(), null));
        }
        Prepared loudest = prepared.get(0);
        for (Prepared p : prepared) {
            if (p.premasterLufs() > loudest.premasterLufs()) {
                loudest = p;
            }
        }
        Level level = searchGain(loudest.premaster(), loudest.info(), loudest.premasterLufs(), target.targetLufs(),
                target.ceilingDbtp() - LIMITER_MARGIN_DB);
        if (!level.sane()) {
            level = largestSaneGain(loudest.premaster(), loudest.info(), level, target.ceilingDbtp() - LIMITER_MARGIN_DB);
        }
        List<MasterReport> reports = new ArrayList<>();
        for (int i = 0; i < tracks.size(); i++) {
            MasterJob job = tracks.get(i);
            Prepared p = prepared.get(i);
            boolean isLoudest = p == loudest;
            List<MasterReport.DeliveredFile> delivered = new ArrayList<>();
            List<String> warnings = new ArrayList<>(p.warnings());
            ProgramAnalyzer firstAfter = null;
            for (Deliverable d : job.deliverables()) {
                Delivery result = deliver(p, d, isLoudest ? null : level.gainDb(), 0.5 + 0.45 * i / tracks.size(),
                        0.45 / tracks.size());
                delivered.add(result.report());
                warnings.addAll(result.warnings());
                if (firstAfter == null) {
                    firstAfter = result.after();
                }
            }
            reports.add(finish(job, p, delivered, warnings, firstAfter));
        }
        return reports;
    }

    /** The input's analysis, the plan and the rendered pre-master: everything before level and delivery. */
    private record Prepared(AudioStreamInfo info, ProgramAnalyzer before, ProgramMeasurements beforeMeasurements,
            MasterPlan plan, Path premaster, double premasterLufs, List<MasterReport.ReferenceUsed> references,
            List<String> warnings) {
    }

    private Prepared prepare(MasterJob job, double base, double share, MasterPlan givenPlan) throws IOException {
        Files.createDirectories(job.workDir());
        progress.progress("analyse " + job.input().getFileName(), base);
        AudioStreamInfo info;
        ProgramAnalyzer before;
        try (AudioSource src = new ReadAheadSource(AudioFiles.open(job.input()))) {
            info = src.info();
            before = analyse(src);
        }
        for (Deliverable d : job.deliverables()) {
            if (d.format() == DeliveryFormat.MP3 && info.channels() > 2) {
                throw new IllegalArgumentException(d.path() + ": MP3 holds at most 2 channels; the input has " + info.channels());
            }
        }
        ProgramMeasurements beforeM = before.measurements();
        if (beforeM.integratedLufs() == null && givenPlan == null) {
            double seconds = before.frames() / (double) info.sampleRate();
            if (seconds < 0.4) {
                throw new IllegalArgumentException(String.format("%s: too short to master (%.2f s); integrated loudness needs at"
                        + " least 0.4 s of audio", job.input(), seconds));
            }
            throw new IllegalArgumentException(job.input() + ": the input is silent (no audio above -70 LUFS): nothing to master");
        }

        List<MasterReport.ReferenceUsed> refsUsed = new ArrayList<>();
        MasterPlan plan = givenPlan != null ? givenPlan : plan(job, before, beforeM, info, refsUsed, base + share * 0.35);

        progress.progress("render " + job.input().getFileName(), base + share * 0.4);
        Path premaster = Files.createTempFile(job.workDir(), "premaster-", ".wav");
        double premasterLufs;
        MasterPlan.Built built = plan.build();
        try (AudioSource src = new ReadAheadSource(AudioFiles.open(job.input()));
                AudioSink out = AudioFiles.create(premaster, new OutputFormat(OutputFormat.Container.WAV,
                        info.sampleRate(), info.channels(), BitDepth.FLOAT_32))) {
            built.chain().prepare(new ProcessSpec(info.sampleRate(), BLOCK, info.channels()));
            LoudnessMeter meter = new LoudnessMeter();
            meter.prepare(info.sampleRate(), info.channels());
            float[][] block = new float[info.channels()][BLOCK];
            int n;
            while ((n = src.read(block, 0, BLOCK)) > 0) {
                built.chain().process(block, 0, n);
                meter.accept(block, 0, n);
                out.write(block, 0, n);
            }
            premasterLufs = meter.integratedLufs().orElse(beforeM.integratedLufs() != null ? beforeM.integratedLufs() : -70.0);
        }
        plan = plan.withMeasuredDynamics(built.multiband());
        return new Prepared(info, before, beforeM, plan, premaster, premasterLufs, refsUsed, new ArrayList<>());
    }

    /** The plan from the input's analysis and the profile or reference tracks; {@code refsUsed} receives the references. */
    private MasterPlan plan(MasterJob job, ProgramAnalyzer before, ProgramMeasurements beforeM, AudioStreamInfo info,
            List<MasterReport.ReferenceUsed> refsUsed, double fraction) throws IOException {
        progress.progress("references", fraction);
        MasterSettings settings = job.settings();
        double[] target;
        String toneTarget;
        if (settings.references().isEmpty()) {
            target = settings.profile().bandLevelsDb();
            toneTarget = "profile " + settings.profile().id();
        } else {
            target = new double[before.spectrumDb().length];
            double weights = 0;
            for (MasterSettings.Reference ref : settings.references()) {
                ProgramAnalyzer a;
                try (AudioSource src = new ReadAheadSource(AudioFiles.open(ref.path()))) {
                    a = analyse(src);
                }
                double[] norm = MasterPlanner.normalised(a.spectrumDb());
                for (int b = 0; b < target.length; b++) {
                    target[b] += ref.weight() * (Double.isNaN(norm[b]) ? 0 : norm[b]);
                }
                weights += ref.weight();
                refsUsed.add(new MasterReport.ReferenceUsed(ref.path().toString(), ref.weight(), a.measurements().integratedLufs()));
            }
            for (int b = 0; b < target.length; b++) {
                target[b] /= weights;
            }
            toneTarget = settings.references().size() == 1 ? "reference track" : settings.references().size() + " reference tracks, weighted";
        }
        return MasterPlanner.plan(before.spectrumDb(), target, toneTarget, settings, info.sampleRate(),
                beforeM.loudnessRangeLu(), beforeM.stereoCorrelation());
    }

    private MasterReport finish(MasterJob job, Prepared p, List<MasterReport.DeliveredFile> delivered, List<String> warnings,
            ProgramAnalyzer firstAfter) throws IOException {
        Files.deleteIfExists(p.premaster());
        if (job.plotsDir() != null) {
            progress.progress("plots", 0.97);
            MasterPlots.write(job.plotsDir(), p.before(), firstAfter, job.deliverables().get(0).target().targetLufs());
        }
        progress.progress("done", 1.0);
        AudioStreamInfo info = p.info();
        MasterReport.Input input = new MasterReport.Input(job.input().toString(), sha256(job.input()), info.container(),
                info.sampleRate(), info.channels(), info.bitsPerSample(), round(p.before().frames() / (double) info.sampleRate(), 6));
        MasterSettings settings = job.settings();
        MasterReport.Settings s = new MasterReport.Settings(settings.profile().id(), p.references(), settings.amountPercent(),
                settings.dynamics(), settings.width());
        return new MasterReport(EngineVersion.get(), input, s, p.beforeMeasurements(), p.plan(), delivered, warnings);
    }

    private record Delivery(MasterReport.DeliveredFile report, ProgramAnalyzer after, List<String> warnings) {
    }

    private record Level(double gainDb, double lufs, LevelRenderer.PassStats stats) {
        boolean sane() {
            return stats.limiterMeanDb() <= MAX_MEAN_LIMITING_DB && stats.limiterMaxDb() <= MAX_PEAK_LIMITING_DB;
        }
    }

    /**
     * Delivers one file from a prepared pre-master. {@code fixedGainDb} (album mode) sets the gain
     * instead of searching for the target; the true-peak ceiling holds either way.
     */
    private Delivery deliver(Prepared p, Deliverable d, Double fixedGainDb, double base, double share) throws IOException {
        Path premaster = p.premaster();
        double premasterLufs = p.premasterLufs();
        AudioStreamInfo info = p.info();
        DeliveryTarget t = d.target();
        boolean mp3 = d.format() == DeliveryFormat.MP3;
        int rate = d.sampleRate() != 0 ? d.sampleRate() : mp3 ? mp3Rate(info.sampleRate()) : info.sampleRate();
        BitDepth depth = mp3 ? BitDepth.PCM_16 : d.depth() != null ? d.depth() : defaultDepth(info, d.format());
        int ditherBits = depth != BitDepth.FLOAT_32 && TpdfDither.isNeededFor(depth.bits) ? depth.bits : 0;
        List<String> warnings = new ArrayList<>();

        // 1. the gain that puts the limited pre-master on the target (at the pre-master's rate);
        //    lossy encoding raises true peaks, so an MP3 starts with more headroom under its ceiling
        double ceilingUsed = t.ceilingDbtp() - (mp3 ? MP3_HEADROOM_DB : LIMITER_MARGIN_DB);
        progress.progress("level " + d.path().getFileName(), base);
        boolean capped;
        Level level;
        if (fixedGainDb != null) {
            level = new Level(fixedGainDb, Double.NaN, null);
            capped = false;
        } else {
            level = searchGain(premaster, info, premasterLufs, t.targetLufs(), ceilingUsed);
            capped = !level.sane();
            if (capped) {
                level = largestSaneGain(premaster, info, level, ceilingUsed);
            }
        }
        boolean holdGain = capped || fixedGainDb != null;

        // 2. render, measure what was written, correct and render again if needed
        Path partial = d.path().resolveSibling(d.path().getFileName() + ".partial");
        double gainDb = level.gainDb();
        ProgramAnalyzer after = null;
        LevelRenderer.PassStats stats = null;
        int passes = 0;
        while (passes < MAX_RENDER_PASSES) {
            passes++;
            progress.progress("deliver " + d.path().getFileName(), base + share * 0.5);
            OutputFormat format = new OutputFormat(OutputFormat.Container.valueOf(d.format().name()), rate, info.channels(), depth);
            try (AudioSink sink = AudioFiles.create(partial, format, d.mp3Kbps())) {
                stats = LevelRenderer.render(premaster, rate, gainDb, ceilingUsed, ditherBits, DITHER_SEED, sink::write);
            }
            try (AudioSource written = AudioFiles.open(partial)) {
                after = analyse(written);
            }
            double lufs = after.integratedLufs().orElse(Double.NEGATIVE_INFINITY);
            double tp = after.truePeakDbtp().orElse(Double.NEGATIVE_INFINITY);
            boolean peakOk = tp <= t.ceilingDbtp() - VERIFY_PEAK_MARGIN_DB;
            boolean loudnessOk = holdGain || Math.abs(lufs - t.targetLufs()) <= VERIFY_TOLERANCE_LU;
            if (peakOk && loudnessOk) {
                break;
            }
            if (!peakOk) {
                ceilingUsed -= (tp - (t.ceilingDbtp() - VERIFY_PEAK_MARGIN_DB)) + 0.02;
            }
            if (!holdGain && Math.abs(lufs - t.targetLufs()) > VERIFY_TOLERANCE_LU) {
                gainDb += t.targetLufs() - lufs;
            }
        }
        Files.move(partial, d.path(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

        ProgramMeasurements m = after.measurements();
        double lufs = after.integratedLufs().orElse(Double.NaN);
        double tp = after.truePeakDbtp().orElse(Double.NEGATIVE_INFINITY);
        Double error = Double.isNaN(lufs) ? null : round(lufs - t.targetLufs(), 3);
        Double margin = Double.isInfinite(tp) ? null : round(t.ceilingDbtp() - tp, 3);
        boolean onTarget = error != null && Math.abs(error) <= TARGET_TOLERANCE_LU && margin != null && margin >= 0;
        // an album track quieter than the loudest is meant to stay quieter: it is "on target" when its peak holds
        String note;
        if (fixedGainDb != null) {
            onTarget = margin != null && margin >= 0;
            note = String.format("album gain %+.2f dB (from the loudest track, or a package's main): %.2f LUFS, %+.2f LU from the target, true peak %.2f dBTP",
                    fixedGainDb, lufs, lufs - t.targetLufs(), tp);
        } else if (capped) {
            note = String.format("target %.1f LUFS needs more than sane limiting (mean %.1f dB, peak %.1f dB of gain reduction);"
                    + " delivered %.2f LUFS, %.2f LU short", t.targetLufs(), MAX_MEAN_LIMITING_DB, MAX_PEAK_LIMITING_DB,
                    lufs, t.targetLufs() - lufs);
            warnings.add(d.path().getFileName() + ": " + note);
        } else if (!onTarget) {
            note = String.format("missed: %.2f LUFS, true peak %.2f dBTP", lufs, tp);
            warnings.add(d.path().getFileName() + ": " + note);
        } else {
            note = String.format("on target: %.2f LUFS (%+.2f LU), true peak %.2f dBTP", lufs, lufs - t.targetLufs(), tp);
        }
        MasterReport.Limiter limiter = new MasterReport.Limiter(round(ceilingUsed, 3), round(stats.limiterMeanDb(), 2),
                round(stats.limiterMaxDb(), 2), round(stats.limiterActiveFraction() * 100, 1));
        Integer bits = mp3 ? null : depth.bits;
        MasterReport.DeliveredFile report = new MasterReport.DeliveredFile(d.path().toString(), d.format().id(), rate, bits,
                mp3 ? d.mp3Kbps() : null,
                t.name(), t.targetLufs(), t.ceilingDbtp(), round(gainDb, 3), limiter, m, error, margin, onTarget, passes, note);
        return new Delivery(report, after, warnings);
    }

    private Level searchGain(Path premaster, AudioStreamInfo info, double premasterLufs, double target, double ceiling)
            throws IOException {
        Level a = measure(premaster, info, target - premasterLufs, ceiling);
        if (Math.abs(target - a.lufs()) <= SEARCH_TOLERANCE_LU) {
            return a;
        }
        Level b = measure(premaster, info, a.gainDb() + (target - a.lufs()), ceiling);
        for (int i = 2; i < MAX_SEARCH_PASSES && Math.abs(target - b.lufs()) > SEARCH_TOLERANCE_LU; i++) {
            double slope = (b.lufs() - a.lufs()) / (b.gainDb() - a.gainDb());
            if (!(slope > 0.05 && slope < 1.5)) {
                slope = Math.max(0.05, Math.min(1.0, Double.isNaN(slope) ? 1.0 : slope));
            }
            double step = Math.max(-12, Math.min(12, (target - b.lufs()) / slope));
            a = b;
            b = measure(premaster, info, b.gainDb() + step, ceiling);
        }
        return b;
    }

    /** Bisects for the loudest gain whose limiting stays sane, below a gain that was not. */
    private Level largestSaneGain(Path premaster, AudioStreamInfo info, Level tooMuch, double ceiling) throws IOException {
        Level lo = measure(premaster, info, tooMuch.gainDb() - 12, ceiling);
        Level hi = tooMuch;
        for (int i = 0; i < 7; i++) {
            Level mid = measure(premaster, info, (lo.gainDb() + hi.gainDb()) / 2, ceiling);
            if (mid.sane()) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** One level pass at the pre-master's rate: loudness and limiter statistics at {@code gainDb}. */
    private Level measure(Path premaster, AudioStreamInfo info, double gainDb, double ceiling) throws IOException {
        progress.progress(String.format("level pass at %+.2f dB", gainDb), lastFraction);
        LoudnessMeter meter = new LoudnessMeter();
        meter.prepare(info.sampleRate(), info.channels());
        LevelRenderer.PassStats stats = LevelRenderer.render(premaster, info.sampleRate(), gainDb, ceiling, 0, 0, meter::accept);
        return new Level(gainDb, meter.integratedLufs().orElse(-70), stats);
    }

    private static ProgramAnalyzer analyse(AudioSource src) throws IOException {
        ProgramAnalyzer a = new ProgramAnalyzer(src.info().sampleRate(), src.info().channels(), src.info().frames());
        float[][] block = new float[src.info().channels()][BLOCK];
        int n;
        while ((n = src.read(block, 0, BLOCK)) > 0) {
            a.accept(block, 0, n);
        }
        a.finish();
        return a;
    }

    /** MP3 rates are 32, 44.1 and 48 kHz: keep the input's rate family. */
    static int mp3Rate(int inputRate) {
        if (inputRate == 32_000 || inputRate == 44_100 || inputRate == 48_000) {
            return inputRate;
        }
        return inputRate % 11_025 == 0 ? 44_100 : 48_000;
    }

    static BitDepth defaultDepth(AudioStreamInfo info, DeliveryFormat format) {
        if (info.bitsPerSample() <= 16) {
            return BitDepth.PCM_16;
        }
        if (info.encoding() == SampleEncoding.FLOAT && format == DeliveryFormat.WAV) {
            return BitDepth.FLOAT_32;
        }
        return BitDepth.PCM_24;
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static double round(double v, int decimals) {
        double s = Math.pow(10, decimals);
        return Math.round(v * s) / s;
    }
}
