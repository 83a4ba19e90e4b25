package dev.mixdown.dsp.analysis.music;

import dev.mixdown.dsp.io.AudioFiles;
import dev.mixdown.dsp.io.AudioSource;
import dev.mixdown.dsp.io.ReadAheadSource;
import dev.mixdown.dsp.meter.LoudnessMeter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Music analysis of a track: tempo, beats, downbeats and meter, key and mode, sections.
 *
 * <p>The pipeline: the audio is mixed to mono and decimated to 11–16 kHz ({@link MonoDecimator});
 * a log-compressed spectral flux ({@link OnsetStrength}) and an STFT chroma ({@link Chromagram})
 * are computed as blocks arrive, and a BS.1770 loudness meter runs on the full-rate audio. At
 * {@link #finish()} the tempo comes from the autocorrelation of the onset envelope, its metrical
 * family by harmonic summation and its octave by a tempo prior ({@link TempoEstimator}), beats
 * from dynamic programming ({@link BeatTracker}, Ellis 2007), carried on to both ends of the music
 * ({@link BeatExtrapolation}), the tempo is refined by a least-squares line through the beat
 * times, meter and downbeats come
 * from beat-synchronous accents and harmonic change ({@link MeterEstimator}), the key from the
 * Krumhansl–Kessler profiles ({@link KeyEstimator}) and sections from the bars' self-similarity
 * ({@link SectionSegmenter}). Everything is deterministic and derived for the stream's rate.
 *
 * <p>Life cycle: {@link #prepare}, {@link #accept} any number of blocks, {@link #finish} once.
 */
public final class MusicAnalyzer {
    /** Below this tempo confidence the beat is not steady enough for a grid. */
    static final double MIN_TEMPO_CONFIDENCE = 0.08;
    /** A sample above this (−80 dBFS) in any channel is music; the music ends after the last one (dither is not music). */
    public static final double MUSIC_END_THRESHOLD = 1e-4;
    /** Seconds between the analysis frames' centres and the onsets they respond to (measured on clicks). */
    static final double ONSET_LEAD_SECONDS = 0.0;
    private static final double PSEUDO_BAR_SECONDS = 2.0;
    private static final int BLOCK_FRAMES = 4096;

    private int sampleRate;
    private int analysisRate;
    private MonoDecimator decimator;
    private OnsetStrength onsets;
    private Chromagram chroma;
    private LoudnessMeter loudness;
    private long frames;
    private long musicEndFrame;

    public void prepare(int sampleRate, int channels) {
        this.sampleRate = sampleRate;
        int factor = MonoDecimator.factorFor(sampleRate);
        this.analysisRate = sampleRate / factor;
        this.onsets = new OnsetStrength(analysisRate);
        this.chroma = new Chromagram(analysisRate);
        OnsetStrength o = onsets;
        Chromagram c = chroma;
        this.decimator = new MonoDecimator(sampleRate, channels, sample -> {
            o.accept(sample);
            c.accept(sample);
        });
        this.loudness = new LoudnessMeter();
        loudness.prepare(sampleRate, channels);
        this.frames = 0;
        this.musicEndFrame = 0;
    }

    public void accept(float[][] planar, int offset, int count) {
        decimator.accept(planar, offset, count);
        loudness.accept(planar, offset, count);
        for (float[] channel : planar) {
            for (int i = count - 1; i >= 0 && frames + i + 1 > musicEndFrame; i--) {
                if (Math.abs(channel[offset + i]) > MUSIC_END_THRESHOLD) {
                    musicEndFrame = frames + i + 1;
                    break;
                }
            }
        }
        frames += count;
    }

    public MusicAnalysis finish() {
        double duration = (double) frames / sampleRate;
        double musicEnd = (double) musicEndFrame / sampleRate;
        double factorDelay = (double) decimator.delayInputSamples() / sampleRate;
        double fps = onsets.framesPerSecond();
        double onsetOrigin = onsets.firstFrameCentreSamples() / analysisRate - factorDelay - ONSET_LEAD_SECONDS;
        double[] envelope = onsets.envelope();
        double[] low = onsets.lowBandEnvelope();
        double[][] chromaFrames = chroma.matrix();
        double chromaOrigin = chroma.firstFrameCentreSamples() / analysisRate - factorDelay;
        double[] momentary = loudness.momentaryLufs();
        double musicStart = loudness.integratedLufs().isPresent()
                ? BeatExtrapolation.audibleStartSeconds(momentary, loudness.integratedLufs().getAsDouble()) : 0;

        KeyEstimate key = KeyEstimator.estimate(chromaFrames);
        BeatGrid grid = BeatGrid.none();
        String meter = null;
        TempoEstimate tempo = TempoEstimator.estimate(envelope, fps);
        if (tempo.bpm() > 0 && tempo.confidence() >= MIN_TEMPO_CONFIDENCE) {
            double[] beatFrames = BeatTracker.track(envelope, tempo.periodFrames());
            int divisor = MetricalLevel.divisor(envelope, low, beatFrames, tempo.bpm(), TempoEstimator.MAX_BPM);
            if (divisor > 1) {
                tempo = new TempoEstimate(tempo.periodFrames() / divisor, tempo.bpm() * divisor, tempo.confidence());
                beatFrames = BeatTracker.track(envelope, tempo.periodFrames());
            }
            if (beatFrames.length >= 8) {
                grid = grid(beatFrames, fps, onsetOrigin, musicStart, musicEnd, tempo, envelope, low, chromaFrames, chromaOrigin);
                meter = grid.meter();
            }
        }
        double[] barStarts = barStarts(grid, duration);
        double[][] barChroma = BeatSynchronous.average(chromaFrames, chromaOrigin, chroma.hopSeconds(), barStarts);
        double[] barLoudness = new double[barChroma.length];
        for (int b = 0; b < barChroma.length; b++) {
            barLoudness[b] = SegmentLoudness.integratedLufs(momentary, barStarts[b], barStarts[b + 1]);
        }
        boolean silent = loudness.integratedLufs().isEmpty();
        List<Section> sections = silent ? List.of()
                : SectionSegmenter.sections(barChroma, barLoudness, barStarts, momentary);
        double[][] similarity = SectionSegmenter.similarity(barChroma, barLoudness);
        return new MusicAnalysis(grid, meter, key.name(), key.confidence(), sections, similarity, duration);
    }

    private BeatGrid grid(double[] beatFrames, double fps, double origin, double musicStart, double musicEnd, TempoEstimate tempo,
            double[] envelope, double[] low, double[][] chromaFrames, double chromaOrigin) {
        int n = beatFrames.length;
        double[] beats = new double[n];
        int kept = 0;
        for (double f : beatFrames) {
            double t = origin + f / fps;
            if (t >= 0 && t < musicEnd) {
                beats[kept++] = t;
            }
        }
        beats = java.util.Arrays.copyOf(beats, kept);
        n = beats.length;
        if (n < 8) {
            return BeatGrid.none();
        }
        double bpm = 60 / slope(beats);
        double[] accent = new double[n];
        double[] lowAccent = new double[n];
        for (int i = 0; i < n; i++) {
            int centre = (int) Math.round(beatFrames[i]);
            for (int f = Math.max(0, centre - 2); f <= Math.min(envelope.length - 1, centre + 2); f++) {
                accent[i] += envelope[f];
                lowAccent[i] += low[f];
            }
        }
        double[] change = harmonicChange(beats, chromaFrames, chromaOrigin);
        MeterEstimate meter = MeterEstimator.estimate(accent, lowAccent, change, MetricalLevel.compound(envelope, beatFrames));
        double firstTracked = beats[0];
        beats = BeatExtrapolation.extend(beats, musicStart, musicEnd);
        n = beats.length;
        int prepended = 0;
        while (beats[prepended] < firstTracked) {
            prepended++;
        }
        int firstDownbeat = Math.floorMod(meter.firstDownbeat() + prepended, meter.beatsPerBar());
        int downbeatCount = 0;
        for (int i = firstDownbeat; i < n; i += meter.beatsPerBar()) {
            downbeatCount++;
        }
        double[] downbeats = new double[downbeatCount];
        int k = 0;
        for (int i = firstDownbeat; i < n; i += meter.beatsPerBar()) {
            downbeats[k++] = beats[i];
        }
        return new BeatGrid(bpm, tempo.confidence(), meter.beatsPerBar(), meter.signature(), beats, downbeats);
    }

    /**
     * Harmonic change into each beat: one minus the cosine between the chroma frame that ends just
     * before the beat and the one that starts at it (whole windows on either side, so the change is
     * not smeared across the beat).
     */
    private double[] harmonicChange(double[] beats, double[][] chromaFrames, double chromaOrigin) {
        int n = beats.length;
        double[] change = new double[n];
        double hop = chroma.hopSeconds();
        double half = chroma.windowSeconds() / 2;
        if (n < 2 || (beats[n - 1] - beats[0]) / (n - 1) < 2 * half) {
            return change; // beats shorter than the chroma window: no clean frame on each side
        }
        for (int i = 0; i < n; i++) {
            int after = (int) Math.ceil((beats[i] + half - chromaOrigin) / hop - 1e-9);
            int before = (int) Math.floor((beats[i] - half - chromaOrigin) / hop + 1e-9);
            if (before < 0 || after >= chromaFrames.length) {
                continue;
            }
            double[] a = SectionSegmenter.unitVector(chromaFrames[before]);
            double[] b = SectionSegmenter.unitVector(chromaFrames[after]);
            double dot = 0;
            for (int c = 0; c < 12; c++) {
                dot += a[c] * b[c];
            }
            change[i] = 1 - dot;
        }
        return change;
    }

    /** Least-squares slope of beat time against beat index: the mean beat period, robust to a few misplaced beats. */
    static double slope(double[] t) {
        int n = t.length;
        double mx = (n - 1) / 2.0;
        double my = 0;
        for (double v : t) {
            my += v;
        }
        my /= n;
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            sxy += (i - mx) * (t[i] - my);
            sxx += (i - mx) * (i - mx);
        }
        return sxy / sxx;
    }

    /**
     * Bar boundaries from 0 to the end. Before the first and after the last downbeat (an intro or
     * ending without a beat) the bar grid is extended at the mean bar length; a stretch shorter than
     * half a bar at either end joins its neighbour.
     */
    static double[] barStarts(BeatGrid grid, double duration) {
        double[] downbeats = grid.downbeatSeconds();
        if (grid.hasBars()) {
            int n = downbeats.length;
            double bar = (downbeats[n - 1] - downbeats[0]) / (n - 1);
            java.util.List<Double> out = new java.util.ArrayList<>();
            int before = (int) Math.floor(downbeats[0] / bar - 0.5);
            for (int k = before; k >= 1; k--) {
                out.add(downbeats[0] - k * bar);
            }
            for (double d : downbeats) {
                if (d > 0 && d < duration) {
                    out.add(d);
                }
            }
            for (double t = downbeats[n - 1] + bar; t < duration - 0.5 * bar; t += bar) {
                out.add(t);
            }
            if (!out.isEmpty() && out.get(0) < 0.5 * bar) {
                out.remove(0);
            }
            if (!out.isEmpty() && duration - out.get(out.size() - 1) < 0.5 * bar) {
                out.remove(out.size() - 1);
            }
            double[] result = new double[out.size() + 2];
            result[0] = 0;
            for (int i = 0; i < out.size(); i++) {
                result[i + 1] = out.get(i);
            }
            result[result.length - 1] = duration;
            return result;
        }
        int bars = Math.max(1, (int) Math.round(duration / PSEUDO_BAR_SECONDS));
        double[] out = new double[bars + 1];
        for (int i = 0; i <= bars; i++) {
            out[i] = duration * i / bars;
        }
        return out;
    }

    /** Analyses a whole track held in memory (planar, one array per channel). */
    public static MusicAnalysis analyze(float[][] audio, int sampleRate) {
        MusicAnalyzer analyzer = new MusicAnalyzer();
        analyzer.prepare(sampleRate, audio.length);
        int length = audio[0].length;
        for (int offset = 0; offset < length; offset += BLOCK_FRAMES) {
            analyzer.accept(audio, offset, Math.min(BLOCK_FRAMES, length - offset));
        }
        return analyzer.finish();
    }

    /** The beat grid of a track held in memory: what the edits cut on. */
    public static BeatGrid beatGrid(float[][] audio, int sampleRate) {
        return analyze(audio, sampleRate).grid();
    }

    /** Analyses a file streaming, in blocks. */
    public static MusicAnalysis analyze(Path file) throws IOException {
        try (AudioSource source = new ReadAheadSource(AudioFiles.open(file))) {
            MusicAnalyzer analyzer = new MusicAnalyzer();
            int channels = source.info().channels();
            analyzer.prepare(source.info().sampleRate(), channels);
            float[][] block = new float[channels][BLOCK_FRAMES];
            int n;
            while ((n = source.read(block, 0, BLOCK_FRAMES)) > 0) {
                analyzer.accept(block, 0, n);
            }
            return analyzer.finish();
        }
    }
}
