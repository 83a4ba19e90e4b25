package dev.mixdown.dsp.mix;

import java.nio.file.Path;

/**
 * One stem and what the user says about it; every field but the path is optional (null).
 *
 * @param path     WAV, AIFF, FLAC (or MP3) file, mono or stereo
 * @param role     what it is; inferred from the name or the audio when null
 * @param presence lead, normal or background
 * @param pan      position from -1 (left) to 1 (right); null lets the planner place it
 * @param reverb   reverb send; null takes the role's
 * @param gainDb   a fixed gain instead of automatic gain staging
 * @param mute     leave it out of the mix (it is still analysed and reported)
 */
public record StemSpec(Path path, StemRole role, Presence presence, Double pan, ReverbAmount reverb, Double gainDb, boolean mute) {
    public StemSpec {
        if (pan != null && !(pan >= -1 && pan <= 1)) {
            throw new IllegalArgumentException(path + ": pan must be between -1 (left) and 1 (right), got " + pan);
        }
        if (gainDb != null && !(gainDb >= -60 && gainDb <= 40)) {
            throw new IllegalArgumentException(path + ": gain must be between -60 and +40 dB, got " + gainDb);
        }
    }

    public static StemSpec of(Path path) {
        return new StemSpec(path, null, null, null, null, null, false);
    }
}
