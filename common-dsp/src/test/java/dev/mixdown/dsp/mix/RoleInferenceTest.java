package dev.mixdown.dsp.mix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Role inference")
class RoleInferenceTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "Kick.wav, KICK", "KICK_IN.wav, KICK", "Snare Top.aif, SNARE", "OH L.wav, DRUMS", "Drums_Stereo.flac, DRUMS",
        "Vox.wav, VOCAL", "LeadVox.wav, VOCAL", "Lead Vocal.wav, VOCAL", "BV 2.wav, BACKING_VOCAL", "Backing Vox.wav, BACKING_VOCAL",
        "Gtr DI.wav, GUITAR", "Keys.wav, KEYS", "Bass Guitar.wav, BASS", "808.wav, BASS", "Synth Pad.wav, PAD",
        "Shaker.wav, PERCUSSION", "FX Riser.wav, FX", "Strings.wav, STRINGS", "Horns.wav, BRASS",
        // General MIDI names, as in the evaluation corpus
        "01_ch01_acoustic_grand_piano.flac, PIANO", "02_ch02_tenor_sax.flac, WOODWIND", "03_ch03_trumpet.flac, BRASS",
        "04_ch04_trombone.flac, BRASS", "05_ch05_steel_guitar.flac, GUITAR", "06_ch06_acoustic_bass.flac, BASS",
        "07_ch07_polysynth_pad.flac, PAD", "08_ch08_distortion_guitar.flac, GUITAR", "09_ch09_pick_bass.flac, BASS",
        "10_drums.flac, DRUMS", "02_ch05_string_ensemble_1.flac, STRINGS", "05_vocal_espeak.flac, VOCAL",
        "ch17_electric_piano_1.wav, KEYS", "lead_1_square.wav, SYNTH"})
    @DisplayName("engineer shorthand and General MIDI names map to roles")
    void fromName(String file, StemRole role) {
        RoleInference.Inferred r = RoleInference.fromName(file).orElseThrow();
        assertEquals(role, r.role(), r.evidence());
        assertEquals("file name", r.source());
    }

    @Test
    @DisplayName("a name that says nothing infers nothing")
    void uninformativeName() {
        assertTrue(RoleInference.fromName("Audio 12_03.wav").isEmpty());
        assertTrue(RoleInference.fromName("track.wav").isEmpty());
    }

    @Test
    @DisplayName("from audio: low-end heavy is bass, spiky and busy is drums, dull and sustained is a pad")
    void fromAudio() {
        assertEquals(StemRole.BASS, RoleInference.fromAudio(new StemFeatures(0.8, 120, 9, 2)).role());
        assertEquals(StemRole.DRUMS, RoleInference.fromAudio(new StemFeatures(0.4, 900, 20, 4)).role());
        assertEquals(StemRole.PERCUSSION, RoleInference.fromAudio(new StemFeatures(0.02, 5000, 22, 6)).role());
        assertEquals(StemRole.PAD, RoleInference.fromAudio(new StemFeatures(0.1, 500, 8, 0.2)).role());
        assertTrue(RoleInference.fromAudio(new StemFeatures(0.1, 500, 8, 0.2)).evidence().contains("centroid 500 Hz"));
    }
}
