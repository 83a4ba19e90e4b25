package dev.mixdown.dsp.resample;

import dev.mixdown.dsp.io.AudioSource;
import dev.mixdown.dsp.io.AudioStreamInfo;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A source converted to another sample rate on the fly, so stems of different rates can be read
 * side by side at the mix rate and never summed un-resampled.
 */
public final class ResamplingSource implements AudioSource {
    private static final int IN_BLOCK = 4096;

    private final AudioSource inner;
    private final Resampler resampler;
    private final AudioStreamInfo info;
    private final float[][] in;
    private final float[][] pending;
    private int pendingStart;
    private int pendingEnd;
    private boolean flushed;

    public ResamplingSource(AudioSource inner, int outRate) {
        this.inner = inner;
        AudioStreamInfo i = inner.info();
        int channels = i.channels();
        this.resampler = new Resampler(i.sampleRate(), outRate, channels);
        long frames = i.frames() < 0 ? -1 : Math.round((double) i.frames() * outRate / i.sampleRate());
        this.info = new AudioStreamInfo(i.container(), outRate, channels, i.bitsPerSample(), i.encoding(), frames);
        this.in = new float[channels][IN_BLOCK];
        this.pending = new float[channels][Math.max(resampler.maxOutputFrames(IN_BLOCK),
                resampler.maxOutputFrames(resampler.tapsPerPhase() * 4))];
    }

    /** Wraps {@code source} only when its rate differs from {@code rate}. */
    public static AudioSource at(AudioSource source, int rate) {
        return source.info().sampleRate() == rate ? source : new ResamplingSource(source, rate);
    }

    @Override
    public Path path() {
        return inner.path();
    }

    @Override
    public AudioStreamInfo info() {
        return info;
    }

    @Override
    public int read(float[][] planar, int offset, int maxFrames) throws IOException {
        while (pendingStart == pendingEnd) {
            if (flushed) {
                return -1;
            }
            int n = inner.read(in, 0, IN_BLOCK);
            pendingStart = 0;
            if (n < 0) {
                pendingEnd = resampler.flush(pending);
                flushed = true;
            } else {
                pendingEnd = resampler.process(in, 0, n, pending);
            }
        }
        int n = Math.min(maxFrames, pendingEnd - pendingStart);
        for (int ch = 0; ch < planar.length; ch++) {
            System.arraycopy(pending[ch], pendingStart, planar[ch], offset, n);
        }
        pendingStart += n;
        return n;
    }

    @Override
    public void close() throws IOException {
        inner.close();
    }
}
