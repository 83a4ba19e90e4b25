package dev.mixdown.dsp.mix;

/**
 * What the audio of a stem says about its role.
 *
 * @param lowShare        share of the stem's energy below 150 Hz, 0 to 1
 * @param centroidHz      energy-weighted mean frequency of its spectrum
 * @param crestDb         sample peak over active RMS, in dB
 * @param onsetsPerSecond sudden rises of the 10 ms envelope (≥ 9 dB within 30 ms) per active second
 */
public record StemFeatures(double lowShare, double centroidHz, double crestDb, double onsetsPerSecond) {
}
