package dev.mixdown.dsp.mix;

import static dev.mixdown.dsp.mix.MixEngine.BLOCK;
import static dev.mixdown.dsp.mix.MixEngine.UNMASK_BLOCK;
import static dev.mixdown.dsp.mix.MixEngine.UNMASK_DEPTH_DB;
import static dev.mixdown.dsp.mix.MixEngine.UNMASK_HZ;

import dev.mixdown.dsp.dynamics.Compressor;
import dev.mixdown.dsp.dynamics.Detection;
import dev.mixdown.dsp.filter.Biquad;
import dev.mixdown.dsp.filter.BiquadShape;
import dev.mixdown.dsp.io.AudioFiles;
import dev.mixdown.dsp.io.AudioSink;
import dev.mixdown.dsp.io.AudioStreamInfo;
import dev.mixdown.dsp.io.OutputFormat;
import dev.mixdown.dsp.io.OutputFormat.BitDepth;
import dev.mixdown.dsp.meter.LoudnessMeter;
import dev.mixdown.dsp.processor.ProcessSpec;
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

/** The all-stems pass: inserts, gain, unmasking, pan, sends, returns, bus compressor, into a float file. */
final class MixPass {
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
        this.infos = infos;
        this.gainDb = gainDb;
        this.lead = lead;
        this.mixRate = mixRate;
        this.stemsOut = stemsOut;
        this.silenced = silenced;
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
        this.busPlan = new StemPlan.Compression(MixEngine.round(mixLufs + 3), 2.0, 6, 30, 200, "RMS");
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
            throw MixEngine.unwrap(e);
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
