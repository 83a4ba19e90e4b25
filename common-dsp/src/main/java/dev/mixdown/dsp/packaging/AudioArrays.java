package dev.mixdown.dsp.packaging;

import dev.mixdown.dsp.io.AudioFileException;
import dev.mixdown.dsp.io.AudioFiles;
import dev.mixdown.dsp.io.AudioSink;
import dev.mixdown.dsp.io.AudioSource;
import dev.mixdown.dsp.io.OutputFormat;
import dev.mixdown.dsp.io.ReadAheadSource;
import dev.mixdown.dsp.meter.LoudnessMeter;
import dev.mixdown.dsp.meter.TruePeakMeter;
import dev.mixdown.dsp.resample.ResamplingSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Whole signals in memory for the package's edits (an edit needs random access to the whole
 * song, see ADR 0008), and their files.
 */
public final class AudioArrays {
    private static final int BLOCK = 8192;

    private AudioArrays() {
    }

    /** A decoded file: planar samples and its rate. */
    public record Audio(float[][] samples, int sampleRate) {
        public int frames() {
            return samples[0].length;
        }
    }

    public static Audio read(Path file) throws IOException {
        return read(file, 0);
    }

    /** {@code file} at {@code sampleRate} (resampled when it differs; 0 keeps the file's rate). */
    public static Audio read(Path file, int sampleRate) throws IOException {
        AudioSource opened = AudioFiles.open(file);
        if (sampleRate != 0 && opened.info().sampleRate() != sampleRate) {
            opened = new ResamplingSource(opened, sampleRate);
        }
        try (AudioSource source = new ReadAheadSource(opened)) {
            int channels = source.info().channels();
            long known = source.info().frames();
            int capacity = known > 0 && known < Integer.MAX_VALUE - 8 ? (int) known : 1 << 20;
            float[][] data = new float[channels][capacity];
            int frames = 0;
            int n;
            while (true) {
                if (frames == capacity) {
                    if (capacity == Integer.MAX_VALUE - 8) {
                        throw new AudioFileException(file, "too long to hold in memory");
                    }
                    capacity = (int) Math.min(Integer.MAX_VALUE - 8L, 2L * capacity);
                    for (int ch = 0; ch < channels; ch++) {
                        data[ch] = Arrays.copyOf(data[ch], capacity);
                    }
                }
                n = source.read(data, frames, Math.min(BLOCK, capacity - frames));
                if (n <= 0) {
                    break;
                }
                frames += n;
            }
            for (int ch = 0; ch < channels; ch++) {
                data[ch] = Arrays.copyOf(data[ch], frames);
            }
            return new Audio(data, source.info().sampleRate());
        }
    }

    /** Writes {@code samples} times {@code gain} as WAV (no dither: the callers write floats or 24-bit). */
    public static void write(Path file, float[][] samples, int sampleRate, OutputFormat.BitDepth depth, double gain) throws IOException {
        write(file, samples, new OutputFormat(OutputFormat.Container.WAV, sampleRate, samples.length, depth), 0, gain);
    }

    /** Writes {@code samples} times {@code gain} in {@code format} ({@code mp3Kbps} for MP3). */
    public static void write(Path file, float[][] samples, OutputFormat format, int mp3Kbps, double gain) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        float g = (float) gain;
        int channels = samples.length;
        try (AudioSink sink = AudioFiles.create(file, format, mp3Kbps)) {
            float[][] block = new float[channels][BLOCK];
            for (int off = 0; off < samples[0].length; off += BLOCK) {
                int k = Math.min(BLOCK, samples[0].length - off);
                for (int ch = 0; ch < channels; ch++) {
                    for (int i = 0; i < k; i++) {
                        block[ch][i] = samples[ch][off + i] * g;
                    }
                }
                sink.write(block, 0, k);
            }
        }
    }

    /** Integrated loudness (null when nothing is gated in), true peak and sample peak. */
    public record Level(Double integratedLufs, Double truePeakDbtp, Double samplePeakDbfs, double durationSeconds) {
    }

    public static Level measure(float[][] samples, int sampleRate) {
        LoudnessMeter meter = new LoudnessMeter();
        meter.prepare(sampleRate, samples.length);
        TruePeakMeter peaks = new TruePeakMeter();
        peaks.prepare(sampleRate, samples.length);
        int frames = samples[0].length;
        for (int off = 0; off < frames; off += BLOCK) {
            int k = Math.min(BLOCK, frames - off);
            meter.accept(samples, off, k);
            peaks.accept(samples, off, k);
        }
        peaks.finish();
        return new Level(boxed(meter.integratedLufs()), boxed(peaks.truePeakDbtp()), boxed(peaks.samplePeakDbfs()),
                frames / (double) sampleRate);
    }

    public static Level measure(Path file) throws IOException {
        Audio a = read(file);
        return measure(a.samples(), a.sampleRate());
    }

    public static double samplePeak(float[][] samples) {
        double peak = 0;
        for (float[] ch : samples) {
            for (float v : ch) {
                peak = Math.max(peak, Math.abs(v));
            }
        }
        return peak;
    }

    private static Double boxed(java.util.OptionalDouble v) {
        return v.isPresent() && Double.isFinite(v.getAsDouble()) ? Math.round(v.getAsDouble() * 1000) / 1000.0 : null;
    }
}
