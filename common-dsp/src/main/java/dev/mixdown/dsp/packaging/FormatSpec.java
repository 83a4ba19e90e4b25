package dev.mixdown.dsp.packaging;

import dev.mixdown.dsp.io.OutputFormat.BitDepth;
import dev.mixdown.dsp.master.DeliveryFormat;

/**
 * One file format every version and length is delivered in.
 *
 * @param format      wav, flac or mp3
 * @param sampleRate  Hz, or 0 for the mix rate
 * @param bits        16 or 24 for WAV/FLAC (ignored for MP3)
 * @param mp3Kbps     MP3 bit rate (ignored for WAV/FLAC)
 */
public record FormatSpec(String format, int sampleRate, int bits, int mp3Kbps) {
    public FormatSpec {
        DeliveryFormat f = DeliveryFormat.named(format);
        format = f.id();
        if (f != DeliveryFormat.MP3 && bits != 16 && bits != 24) {
            throw new IllegalArgumentException(format + ": bits must be 16 or 24, got " + bits);
        }
        if (f == DeliveryFormat.MP3 && (mp3Kbps < 32 || mp3Kbps > 320)) {
            throw new IllegalArgumentException("mp3: bit rate must be 32 to 320 kbit/s, got " + mp3Kbps);
        }
    }

    public DeliveryFormat deliveryFormat() {
        return DeliveryFormat.named(format);
    }

    public BitDepth depth() {
        return bits == 16 ? BitDepth.PCM_16 : BitDepth.PCM_24;
    }

    /** The file extension (no dot). */
    public String ext() {
        return format;
    }

    public static FormatSpec wav(int rate, int bits) {
        return new FormatSpec("wav", rate, bits, 0);
    }

    public static FormatSpec mp3(int kbps) {
        return new FormatSpec("mp3", 0, 0, kbps);
    }
}
