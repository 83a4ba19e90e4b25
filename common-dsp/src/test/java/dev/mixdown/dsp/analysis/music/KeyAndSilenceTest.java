package dev.mixdown.dsp.analysis.music;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Key, and inputs without music")
class KeyAndSilenceTest {
    private static final String[] NAMES = {"C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"};

    static Stream<Arguments> keys() {
        List<Arguments> out = new ArrayList<>();
        for (int rate : new int[] {44_100, 48_000}) {
            for (int tonic = 0; tonic < 12; tonic++) {
                out.add(Arguments.of(rate, tonic, false));
                out.add(Arguments.of(rate, tonic, true));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} Hz, tonic {1}, minor {2}")
    @MethodSource("keys")
    @DisplayName("a I–IV–V–I (or i–iv–V–i) progression names its key and mode exactly, with some confidence")
    void chordProgression(int rate, int tonic, boolean minor) {
        MusicAnalysis analysis = MusicAnalyzer.analyze(MusicSignals.chords(rate, tonic, minor, 16, 1.0, 3), rate);
        assertEquals(NAMES[tonic] + (minor ? " minor" : " major"), analysis.key());
        assertTrue(analysis.keyConfidence() > 0.1, "confidence " + analysis.keyConfidence());
    }

    @ParameterizedTest(name = "{0} Hz")
    @ValueSource(ints = {44_100, 48_000})
    @DisplayName("digital silence has no grid, no key and no sections")
    void silence(int rate) {
        MusicAnalysis analysis = MusicAnalyzer.analyze(new float[2][rate * 20], rate);
        BeatGrid grid = analysis.grid();
        assertTrue(grid.bpm() == 0 && grid.beatsPerBar() == 0 && grid.beatSeconds().length == 0 && !grid.hasBars(), "a grid in silence");
        assertNull(analysis.meter());
        assertNull(analysis.key());
        assertEquals(0, analysis.keyConfidence());
        assertTrue(analysis.sections().isEmpty());
        assertEquals(20, analysis.durationSeconds(), 1e-9);
    }

    @ParameterizedTest(name = "{0} Hz")
    @ValueSource(ints = {44_100, 48_000})
    @DisplayName("steady noise has no grid and at most a low-confidence key")
    void noise(int rate) {
        float[][] audio = MusicSignals.stereo(MusicSignals.noise(rate, 20, 0.1, 5));
        MusicAnalysis analysis = MusicAnalyzer.analyze(audio, rate);
        assertTrue(!analysis.grid().hasBars() && analysis.grid().bpm() == 0, "grid " + analysis.grid().bpm());
        assertNull(analysis.meter());
        assertTrue(analysis.keyConfidence() < 0.3, "key confidence " + analysis.keyConfidence());
        assertTrue(!analysis.sections().isEmpty());
    }

    @ParameterizedTest(name = "{0} Hz")
    @ValueSource(ints = {44_100, 48_000})
    @DisplayName("a very short input is analysed without a grid rather than failing")
    void shortInput(int rate) {
        MusicAnalysis analysis = MusicAnalyzer.analyze(MusicSignals.clicks(rate, 120, 4, 1.0, 1), rate);
        assertEquals(0, analysis.grid().bpm());
    }
}
