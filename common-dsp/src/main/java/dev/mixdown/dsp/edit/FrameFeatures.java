package dev.mixdown.dsp.edit;

import org.jtransforms.fft.FloatFFT_1D;

/**
 * Short-time features of a mix on a fixed hop, summed into prefix tables so that the features
 * of any stretch (a bar, a second around a join) come in O(1): a 12-bin chroma (harmony), log
 * energies of eight octave bands (timbre, a coarse MFCC-like envelope) and mean power
 * (loudness). One FFT per hop over the mono sum: O(n log fft) for the whole track.
 */
final class FrameFeatures {
    static final int CHROMA = 12;
    static final int BANDS = 8;
    private static final double LOWEST_BAND_HZ = 62.5;
    private static final double CHROMA_LOW_HZ = 80;
    private static final double CHROMA_HIGH_HZ = 5000;
    private static final int DIMS = CHROMA + BANDS + 1;

    private final int sampleRate;
    private final int hopFrames;
    private final int frames;
    /** prefix[d][k]: sum of feature d over analysis frames 0..k-1. */
    private final double[][] prefix;

    private FrameFeatures(int sampleRate, int hopFrames, int frames, double[][] prefix) {
        this.sampleRate = sampleRate;
        this.hopFrames = hopFrames;
        this.frames = frames;
        this.prefix = prefix;
    }

    /** Analyses {@code audio} (planar) with a hop of about 20 ms and an FFT of about 46 ms. */
    static FrameFeatures of(float[][] audio, int sampleRate) {
        int hop = Math.max(1, (int) Math.round(sampleRate * 0.02));
        int fftSize = Integer.highestOneBit(Math.max(256, (int) (sampleRate * 0.046)));
        int length = audio[0].length;
        int frames = Math.max(1, (length + hop - 1) / hop);
        double[] window = new double[fftSize];
        for (int i = 0; i < fftSize; i++) {
            window[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * (i + 0.5) / fftSize);
        }
        int bins = fftSize / 2;
        int[] chromaOf = new int[bins];
        int[] bandOf = new int[bins];
        for (int k = 0; k < bins; k++) {
            double hz = (double) k * sampleRate / fftSize;
            chromaOf[k] = hz >= CHROMA_LOW_HZ && hz <= CHROMA_HIGH_HZ
                    ? Math.floorMod((int) Math.round(12 * Math.log(hz / 440.0) / Math.log(2)) + 9, 12) : -1;
            int band = hz < LOWEST_BAND_HZ ? -1 : (int) Math.floor(Math.log(hz / LOWEST_BAND_HZ) / Math.log(2));
            bandOf[k] = band >= BANDS ? BANDS - 1 : band;
        }
        double[][] prefix = new double[DIMS][frames + 1];
        FloatFFT_1D fft = new FloatFFT_1D(fftSize);
        float[] buf = new float[fftSize];
        double[] f = new double[DIMS];
        double norm = 1.0 / audio.length;
        for (int fr = 0; fr < frames; fr++) {
            int centre = fr * hop + hop / 2;
            int start = centre - fftSize / 2;
            for (int i = 0; i < fftSize; i++) {
                int n = start + i;
                double v = 0;
                if (n >= 0 && n < length) {
                    for (float[] ch : audio) {
                        v += ch[n];
                    }
                }
                buf[i] = (float) (v * norm * window[i]);
            }
            double power = 0;
            int hopEnd = Math.min(length, fr * hop + hop);
            for (int n = fr * hop; n < hopEnd; n++) {
                double v = 0;
                for (float[] ch : audio) {
                    v += ch[n];
                }
                v *= norm;
                power += v * v;
            }
            java.util.Arrays.fill(f, 0);
            f[DIMS - 1] = power / hop;
            fft.realForward(buf);
            for (int k = 1; k < bins; k++) {
                double re = buf[2 * k];
                double im = buf[2 * k + 1];
                double p = re * re + im * im;
                if (chromaOf[k] >= 0) {
                    f[chromaOf[k]] += p;
                }
                if (bandOf[k] >= 0) {
                    f[CHROMA + bandOf[k]] += p;
                }
            }
            for (int d = 0; d < DIMS; d++) {
                prefix[d][fr + 1] = prefix[d][fr] + f[d];
            }
        }
        return new FrameFeatures(sampleRate, hop, frames, prefix);
    }

    int hopFrames() {
        return hopFrames;
    }

    int sampleRate() {
        return sampleRate;
    }

    /** The features of source frames [startFrame, endFrame), averaged over the analysis hops they cover. */
    Summary over(long startFrame, long endFrame) {
        int a = (int) Math.max(0, Math.min(frames, Math.floorDiv(startFrame, hopFrames)));
        int b = (int) Math.max(0, Math.min(frames, Math.floorDiv(endFrame + hopFrames - 1, hopFrames)));
        if (b <= a) {
            return Summary.SILENT;
        }
        double count = b - a;
        double[] chroma = new double[CHROMA];
        double chromaNorm = 0;
        for (int d = 0; d < CHROMA; d++) {
            chroma[d] = (prefix[d][b] - prefix[d][a]) / count;
            chromaNorm += chroma[d] * chroma[d];
        }
        chromaNorm = Math.sqrt(chromaNorm);
        for (int d = 0; d < CHROMA; d++) {
            chroma[d] = chromaNorm > 0 ? chroma[d] / chromaNorm : 0;
        }
        double[] bandsDb = new double[BANDS];
        for (int d = 0; d < BANDS; d++) {
            bandsDb[d] = 10 * Math.log10(1e-12 + (prefix[CHROMA + d][b] - prefix[CHROMA + d][a]) / count);
        }
        double powerDb = 10 * Math.log10(1e-12 + (prefix[DIMS - 1][b] - prefix[DIMS - 1][a]) / count);
        return new Summary(chroma, bandsDb, powerDb);
    }

    /**
     * Features of a stretch of music.
     *
     * @param chroma  unit-length 12-bin pitch-class profile (all zero when silent)
     * @param bandsDb octave-band energies in dB (timbre)
     * @param powerDb mean power of the mono sum in dB (loudness)
     */
    record Summary(double[] chroma, double[] bandsDb, double powerDb) {
        static final Summary SILENT = new Summary(new double[CHROMA], filled(BANDS, -120), -120);

        private static double[] filled(int n, double v) {
            double[] a = new double[n];
            java.util.Arrays.fill(a, v);
            return a;
        }

        /**
         * How alike two stretches are, 0 to 1: cosine similarity of chroma (harmony), the mean
         * band-level difference (timbre, 6 dB halves the score) and the level difference
         * (loudness, 3 dB halves the score), weighted 0.4, 0.3, 0.3.
         */
        double similarity(Summary o) {
            double silence = -90;
            boolean quiet = powerDb < silence;
            boolean otherQuiet = o.powerDb < silence;
            if (quiet && otherQuiet) {
                return 1;
            }
            double harmony = 0;
            for (int d = 0; d < CHROMA; d++) {
                harmony += chroma[d] * o.chroma[d];
            }
            double timbreDiff = 0;
            for (int d = 0; d < BANDS; d++) {
                timbreDiff += Math.abs(Math.max(silence, bandsDb[d]) - Math.max(silence, o.bandsDb[d]));
            }
            timbreDiff /= BANDS;
            double levelDiff = Math.abs(Math.max(silence, powerDb) - Math.max(silence, o.powerDb));
            return 0.4 * harmony + 0.3 * Math.pow(0.5, timbreDiff / 6) + 0.3 * Math.pow(0.5, levelDiff / 3);
        }
    }
}
