package dev.mixdown.jobs.contracts;

/**
 * One file a job delivers.
 *
 * @param name       output file name under the job's attempt prefix, e.g. "spotify.wav"
 * @param format     wav, flac or mp3
 * @param sampleRate Hz, or null for the input's
 * @param bits       "16", "24" or "32f", or null for the input's
 * @param target     loudness target of this file
 */
public record DeliverableSpec(String name, String format, Integer sampleRate, String bits, TargetSpec target) {
}
