package dev.mixdown.dsp.io;

import java.util.Locale;

/**
 * What to write: container, rate, channels and sample depth.
 *
 * @param container  WAV, FLAC or MP3 (MP3 takes 16-bit input and 1 or 2 channels)
 * @param sampleRate frames per second, 8000 to 192000
 * @param channels   1 to 8
 * @param depth      sample depth; FLAC stores integers only
 */
public record OutputFormat(Container container, int sampleRate, int channels, BitDepth depth) {

    public enum Container {
        WAV, FLAC, MP3;

        /** The container implied by a file name's extension, or null when there is none we write. */
        public static Container fromFileName(String name) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.endsWith(".wav") || lower.endsWith(".wave")) {
                return WAV;
            }
            if (lower.endsWith(".flac")) {
                return FLAC;
            }
            if (lower.endsWith(".mp3")) {
                return MP3;
            }
            return null;
        }
    }

    public enum BitDepth {
        PCM_16(16, SampleEncoding.SIGNED_INT),
        PCM_24(24, SampleEncoding.SIGNED_INT),
        FLOAT_32(32, SampleEncoding.FLOAT);

        public final int bits;
        public final SampleEncoding encoding;

        BitDepth(int bits, SampleEncoding encoding) {
            this.bits = bits;
            this.encoding = encoding;
        }

        /** The depth spelled {@code 16}, {@code 24} or {@code 32f} (any case); null for anything else. */
        public static BitDepth named(String bits) {
            switch (bits.toLowerCase(java.util.Locale.ROOT)) {
                case "16":
                    return PCM_16;
                case "24":
                    return PCM_24;
                case "32f":
                    return FLOAT_32;
                default:
                    return null;
            }
        }
    }

    public OutputFormat {
        if (container == null || depth == null) {
            throw new IllegalArgumentException("container and depth are required");
        }
        if (sampleRate < AudioLimits.MIN_SAMPLE_RATE || sampleRate > AudioLimits.MAX_SAMPLE_RATE) {
            throw new IllegalArgumentException("sample rate " + sampleRate + " Hz is outside "
                    + AudioLimits.MIN_SAMPLE_RATE + " to " + AudioLimits.MAX_SAMPLE_RATE);
        }
        if (channels < 1 || channels > AudioLimits.MAX_CHANNELS) {
            throw new IllegalArgumentException("channel count " + channels + " is outside 1 to " + AudioLimits.MAX_CHANNELS);
        }
        if (container == Container.FLAC && depth == BitDepth.FLOAT_32) {
            throw new IllegalArgumentException("FLAC stores integer samples only: choose 16 or 24 bits");
        }
        if (container == Container.MP3 && (depth != BitDepth.PCM_16 || channels > 2
                || (sampleRate != 32_000 && sampleRate != 44_100 && sampleRate != 48_000))) {
            throw new IllegalArgumentException("MP3 takes 16-bit input, 1 or 2 channels, at 32, 44.1 or 48 kHz");
        }
    }
}
