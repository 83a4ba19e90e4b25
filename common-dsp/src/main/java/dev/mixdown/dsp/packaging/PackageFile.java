package dev.mixdown.dsp.packaging;

/**
 * One file of a package, as the manifest lists it.
 *
 * @param path            relative to the package folder, '/'-separated
 * @param kind            master, premaster, stem, preview-tagged or preview
 * @param version         version name
 * @param length          length id
 * @param format          wav, flac or mp3
 * @param stem            the stem's name (stems only)
 * @param integratedLufs  measured as written (null: nothing above the gate)
 * @param truePeakDbtp    measured as written
 * @param onTarget        masters: within ±0.1 LU of the target (or, for sonically identical packages, on the main's
 *                        gain) and under the ceiling; null for other kinds
 * @param sha256          of the file's bytes, metadata included
 */
public record PackageFile(String path, String kind, String version, String length, String format, String stem, int sampleRate,
        Integer bits, Integer kbps, double durationSeconds, Double integratedLufs, Double truePeakDbtp, Boolean onTarget, String bpm,
        String key, String sha256) {
}
