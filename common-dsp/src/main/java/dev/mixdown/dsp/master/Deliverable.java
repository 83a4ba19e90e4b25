package dev.mixdown.dsp.master;

import dev.mixdown.dsp.io.OutputFormat.BitDepth;
import java.nio.file.Path;

/**
 * One file to deliver from a master job.
 *
 * @param path        where to write it
 * @param format      WAV, FLAC or MP3
 * @param sampleRate  output rate in Hz, or 0 for the input's rate
 * @param depth       sample depth for WAV/FLAC, or null for the input's depth (24-bit for float or FLAC above 24 bit)
 * @param mp3Kbps     MP3 bit rate (ignored for other formats)
 * @param target      loudness target and true-peak ceiling of this file
 */
public record Deliverable(Path path, DeliveryFormat format, int sampleRate, BitDepth depth, int mp3Kbps, DeliveryTarget target) {
    public Deliverable {
        if (format == DeliveryFormat.FLAC && depth == BitDepth.FLOAT_32) {
            throw new IllegalArgumentException("FLAC stores integers only: choose 16 or 24 bits");
        }
        if (sampleRate != 0 && (sampleRate < 8_000 || sampleRate > 192_000)) {
            throw new IllegalArgumentException("output rate " + sampleRate + " Hz is outside 8000 to 192000 Hz");
        }
        if (format == DeliveryFormat.MP3 && sampleRate != 0 && sampleRate != 32_000 && sampleRate != 44_100 && sampleRate != 48_000) {
            throw new IllegalArgumentException("MP3 supports 32000, 44100 or 48000 Hz, not " + sampleRate);
        }
    }
}
