package dev.mixdown.dsp.master;

import dev.mixdown.dsp.dither.TpdfDither;
import dev.mixdown.dsp.dynamics.GainReductionStats;
import dev.mixdown.dsp.dynamics.TruePeakLimiter;
import dev.mixdown.dsp.io.AudioFiles;
import dev.mixdown.dsp.io.AudioSource;
import dev.mixdown.dsp.io.ReadAheadSource;
import dev.mixdown.dsp.processor.ProcessSpec;
import dev.mixdown.dsp.resample.Resampler;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The last stage of mastering, run once per pass: read the pre-master, convert the rate, apply
 * gain, limit the true peak, dither, and hand the blocks on (to a meter while searching for the
 * gain, to a file when delivering). Output frame n is input frame n at the output rate: the
 * limiter's and the resampler's delays are removed.
 */
final class LevelRenderer {
    static final double LIMITER_ATTACK_MS = 1.5;
    static final double LIMITER_RELEASE_MS = 80;
    private static final int BLOCK = 4096;

    /** Receives rendered blocks. */
    interface BlockSink {
        void accept(float[][] block, int offset, int frames) throws IOException;
    }

    /** What one pass did. */
    record PassStats(double limiterMeanDb, double limiterMaxDb, double limiterActiveFraction) {
    }

    private LevelRenderer() {
    }

    /**
     * @param outRate     output rate, or the pre-master's own rate for none
     * @param ditherBits  integer depth to dither to, or 0 for no dither
     * @param ditherSeed  seed of the dither noise
     */
    static PassStats render(Path premaster, int outRate, double gainDb, double ceilingDbtp, int ditherBits, long ditherSeed,
            BlockSink sink) throws IOException {
        try (AudioSource src = new ReadAheadSource(AudioFiles.open(premaster))) {
            int inRate = src.info().sampleRate();
            int channels = src.info().channels();
            Resampler resampler = outRate != inRate ? new Resampler(inRate, outRate, channels) : null;
            int maxBlock = resampler == null ? BLOCK : resampler.maxOutputFrames(BLOCK);
            float[][] in = new float[channels][BLOCK];
            float[][] work = resampler == null ? in : new float[channels][maxBlock];
            TruePeakLimiter limiter = new TruePeakLimiter(ceilingDbtp, LIMITER_ATTACK_MS, LIMITER_RELEASE_MS);
            ProcessSpec spec = new ProcessSpec(outRate, maxBlock, channels);
            limiter.prepare(spec);
            TpdfDither dither = null;
            if (ditherBits > 0) {
                dither = new TpdfDither(ditherBits, ditherSeed);
                dither.prepare(spec);
            }
            Stage stage = new Stage((float) Math.pow(10, gainDb / 20), limiter, dither, sink);
            int n;
            while ((n = src.read(in, 0, BLOCK)) > 0) {
                int m = n;
                if (resampler != null) {
                    m = resampler.process(in, 0, n, work);
                }
                stage.push(work, m, true);
            }
            if (resampler != null) {
                float[][] tail = new float[channels][resampler.maxOutputFrames(resampler.tapsPerPhase() * 2)];
                int m = resampler.flush(tail);
                for (int off = 0; off < m; off += maxBlock) {
                    float[][] part = slice(tail, off, Math.min(maxBlock, m - off));
                    stage.push(part, Math.min(maxBlock, m - off), true);
                }
            }
            stage.flush(channels, maxBlock);
            GainReductionStats s = limiter.stats();
            return new PassStats(s.meanDb(), s.maxDb(), s.activeFraction());
        }
    }

    private static float[][] slice(float[][] x, int from, int n) {
        float[][] y = new float[x.length][n];
        for (int ch = 0; ch < x.length; ch++) {
            System.arraycopy(x[ch], from, y[ch], 0, n);
        }
        return y;
    }

    /** Gain, limiter, dither and the removal of the limiter's delay. */
    private static final class Stage {
        private final float gain;
        private final TruePeakLimiter limiter;
        private final TpdfDither dither;
        private final BlockSink sink;
        private int toSkip;

        Stage(float gain, TruePeakLimiter limiter, TpdfDither dither, BlockSink sink) {
            this.gain = gain;
            this.limiter = limiter;
            this.dither = dither;
            this.sink = sink;
            this.toSkip = limiter.latencyFrames();
        }

        void push(float[][] block, int frames, boolean applyGain) throws IOException {
            if (frames == 0) {
                return;
            }
            if (applyGain) {
                for (float[] ch : block) {
                    for (int i = 0; i < frames; i++) {
                        ch[i] *= gain;
                    }
                }
            }
            limiter.process(block, 0, frames);
            int skip = Math.min(toSkip, frames);
            toSkip -= skip;
            if (frames > skip) {
                if (dither != null) {
                    dither.process(block, skip, frames - skip);
                }
                sink.accept(block, skip, frames - skip);
            }
        }

        void flush(int channels, int maxBlock) throws IOException {
            int left = limiter.latencyFrames();
            float[][] zeros = new float[channels][maxBlock];
            while (left > 0) {
                int n = Math.min(left, maxBlock);
                for (float[] z : zeros) {
                    java.util.Arrays.fill(z, 0, n, 0f);
                }
                push(zeros, n, false);
                left -= n;
            }
        }
    }
}
