package dev.mixdown.dsp.resample;

/**
 * Band-limited sample-rate conversion by a rational factor L/M (44.1 ↔ 48 kHz is 160/147),
 * polyphase, streaming. The prototype low-pass is a Kaiser-windowed sinc designed at L × the
 * input rate: passband to 0.9 × the lower of the two Nyquist frequencies (ripple well under
 * ±0.001 dB), stopband from the lower Nyquist frequency on, attenuated by at least
 * {@value #STOPBAND_DB} dB. The output is aligned with the input (the filter's delay is removed)
 * and has round(frames × L / M) frames once {@link #flush} has run.
 */
public final class Resampler {
    public static final double STOPBAND_DB = 100.0;
    public static final double PASSBAND_FRACTION = 0.9;

    private final int inRate;
    private final int outRate;
    private final int up;
    private final int down;
    private final int channels;
    private final int tapsPerPhase;
    /** phases[p][i] multiplies x[nMax - i] for the output whose position falls on phase p. */
    private final float[][] phases;
    private final long delay;
    private final float[][] buffer;
    private long bufferStart;
    private int bufferLength;
    private long inputFrames;
    private long outputIndex;
    private long outputFramesTotal = -1;

    public Resampler(int inRate, int outRate, int channels) {
        this.inRate = inRate;
        this.outRate = outRate;
        this.channels = channels;
        int g = gcd(inRate, outRate);
        this.up = outRate / g;
        this.down = inRate / g;
        double lowerNyquist = Math.min(inRate, outRate) / 2.0;
        double transitionHz = lowerNyquist * (1 - PASSBAND_FRACTION);
        double cutoffHz = lowerNyquist * (1 + PASSBAND_FRACTION) / 2;
        double protoRate = (double) inRate * up;
        double beta = 0.1102 * (STOPBAND_DB - 8.7);
        double deltaOmega = 2 * Math.PI * transitionHz / protoRate;
        int length = (int) Math.ceil((STOPBAND_DB - 8) / (2.285 * deltaOmega));
        this.tapsPerPhase = Math.max(2, (length + up - 1) / up);
        int n = tapsPerPhase * up;
        double center = n / 2.0;
        this.delay = (long) center;
        double fc = cutoffHz / protoRate;
        double[] h = new double[n];
        double i0Beta = besselI0(beta);
        for (int i = 0; i < n; i++) {
            double t = i - center;
            double x = t / center;
            double w = Math.abs(x) >= 1 ? 0 : besselI0(beta * Math.sqrt(1 - x * x)) / i0Beta;
            double sinc = t == 0 ? 2 * fc : Math.sin(2 * Math.PI * fc * t) / (Math.PI * t);
            h[i] = up * sinc * w;
        }
        this.phases = new float[up][tapsPerPhase];
        for (int p = 0; p < up; p++) {
            for (int i = 0; i < tapsPerPhase; i++) {
                int k = p + i * up;
                phases[p][i] = k < n ? (float) h[k] : 0f;
            }
        }
        this.buffer = new float[channels][tapsPerPhase + 16_384];
    }

    public int inRate() {
        return inRate;
    }

    public int outRate() {
        return outRate;
    }

    /** Largest number of frames one call to {@link #process} can return for {@code inFrames} input frames. */
    public int maxOutputFrames(int inFrames) {
        return (int) ((long) (inFrames + tapsPerPhase + 2) * up / down) + 2;
    }

    /** Frames of the filter response, in output frames (for tests and for sizing a flush). */
    public int tapsPerPhase() {
        return tapsPerPhase;
    }

    /**
     * Consumes {@code frames} input frames, writes the output frames now computable into
     * {@code out[ch][0 ...]}, and returns how many.
     */
    public int process(float[][] in, int offset, int frames, float[][] out) {
        int written = 0;
        int done = 0;
        while (done < frames) {
            compact();
            int n = Math.min(frames - done, buffer[0].length - bufferLength);
            for (int ch = 0; ch < channels; ch++) {
                System.arraycopy(in[ch], offset + done, buffer[ch], bufferLength, n);
            }
            bufferLength += n;
            inputFrames += n;
            done += n;
            written += produce(out, written, false);
        }
        return written;
    }

    /** Ends the stream: feeds silence through the filter and writes the remaining output frames. */
    public int flush(float[][] out) {
        outputFramesTotal = Math.round((double) inputFrames * up / down);
        int written = 0;
        while (outputIndex < outputFramesTotal) {
            compact();
            int n = buffer[0].length - bufferLength;
            for (int ch = 0; ch < channels; ch++) {
                java.util.Arrays.fill(buffer[ch], bufferLength, bufferLength + n, 0f);
            }
            bufferLength += n;
            written += produce(out, written, true);
        }
        return written;
    }

    private int produce(float[][] out, int at, boolean flushing) {
        int written = 0;
        long available = bufferStart + bufferLength; // first input index not yet in the buffer
        while (true) {
            if (outputFramesTotal >= 0 && outputIndex >= outputFramesTotal) {
                break;
            }
            long q = outputIndex * down + delay;
            long nMax = Math.floorDiv(q, up);
            if (nMax >= available) {
                break;
            }
            if (!flushing && nMax >= inputFrames) {
                break;
            }
            int phase = (int) (q - nMax * up);
            float[] c = phases[phase];
            int last = (int) (nMax - bufferStart);
            for (int ch = 0; ch < channels; ch++) {
                float[] x = buffer[ch];
                double s0 = 0;
                double s1 = 0;
                double s2 = 0;
                double s3 = 0;
                int i = 0;
                int limit = Math.min(tapsPerPhase, last + 1); // inputs before the stream's start are silence
                for (; i + 3 < limit; i += 4) {
                    s0 += c[i] * x[last - i];
                    s1 += c[i + 1] * x[last - i - 1];
                    s2 += c[i + 2] * x[last - i - 2];
                    s3 += c[i + 3] * x[last - i - 3];
                }
                for (; i < limit; i++) {
                    s0 += c[i] * x[last - i];
                }
                out[ch][at + written] = (float) ((s0 + s1) + (s2 + s3));
            }
            written++;
            outputIndex++;
        }
        return written;
    }

    /** Drops input no future output needs, keeping the last tapsPerPhase frames. */
    private void compact() {
        long nextQ = outputIndex * down + delay;
        long oldestNeeded = Math.floorDiv(nextQ, up) - tapsPerPhase + 1;
        int drop = (int) Math.max(0, Math.min(bufferLength, oldestNeeded - bufferStart));
        if (drop > 0) {
            for (int ch = 0; ch < channels; ch++) {
                System.arraycopy(buffer[ch], drop, buffer[ch], 0, bufferLength - drop);
            }
            bufferStart += drop;
            bufferLength -= drop;
        }
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    private static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        for (int k = 1; k < 200; k++) {
            term *= (x / (2.0 * k)) * (x / (2.0 * k));
            sum += term;
            if (term < 1e-17 * sum) {
                break;
            }
        }
        return sum;
    }
}
