package dev.mixdown.dsp.analysis.music;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Tempo, beats and bars")
class TempoAndBeatsTest {
    private static final double SECONDS = 30;

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (int rate : new int[] {44_100, 48_000}) {
            for (double bpm : new double[] {60, 75, 90, 110, 120, 128, 140, 160, 174, 200}) {
                for (int beatsPerBar : new int[] {3, 4}) {
                    out.add(Arguments.of(rate, bpm, beatsPerBar));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} Hz, {1} BPM, {2} beats a bar")
    @MethodSource("cases")
    @DisplayName("on a click track, the tempo is within 1 %, every beat within 20 ms, and the bars start on the accented clicks")
    void clickTrack(int rate, double bpm, int beatsPerBar) {
        check(MusicSignals.clicks(rate, bpm, beatsPerBar, SECONDS, 7), rate, bpm, beatsPerBar);
    }

    @ParameterizedTest(name = "{0} Hz, {1} BPM, {2} beats a bar")
    @MethodSource("cases")
    @DisplayName("on a drum-like pattern with eighth-note hi-hats, the tempo is within 1 %, every beat within 20 ms, and the bars start on the kicks")
    void drumPattern(int rate, double bpm, int beatsPerBar) {
        check(MusicSignals.drums(rate, bpm, beatsPerBar, SECONDS, 11), rate, bpm, beatsPerBar);
    }

    static Stream<Arguments> moderateTempos() {
        List<Arguments> out = new ArrayList<>();
        for (int rate : new int[] {44_100, 48_000}) {
            for (double bpm : new double[] {84, 96, 108, 116}) {
                out.add(Arguments.of(rate, bpm, 4));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} Hz, {1} BPM, {2} beats a bar")
    @MethodSource("moderateTempos")
    @DisplayName("on music with softer eighth notes between bass notes on the beats, the beat is the quarter note, not the eighths' pulse")
    void eighthNoteTexture(int rate, double bpm, int beatsPerBar) {
        check(MusicSignals.eighths(rate, bpm, beatsPerBar, SECONDS, 13), rate, bpm, beatsPerBar);
    }

    static Stream<Arguments> compoundCases() {
        List<Arguments> out = new ArrayList<>();
        for (int rate : new int[] {44_100, 48_000}) {
            for (double bpm : new double[] {50, 66, 80, 96, 110}) {
                out.add(Arguments.of(rate, bpm, 2, "6/8"));
                out.add(Arguments.of(rate, bpm, 4, "12/8"));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} Hz, dotted quarter at {1} BPM, {3}")
    @MethodSource("compoundCases")
    @DisplayName("in a compound meter the beat is the dotted quarter, the meter reads 6/8 or 12/8, and the bars start on the kicks")
    void compoundMeter(int rate, double bpm, int beatsPerBar, String meter) {
        float[][] audio = MusicSignals.compound(rate, bpm, beatsPerBar, SECONDS, 17);
        check(audio, rate, bpm, beatsPerBar);
        assertEquals(meter, MusicAnalyzer.analyze(audio, rate).meter(), "meter");
    }

    @ParameterizedTest(name = "{0} Hz, {1} BPM, {2} beats a bar")
    @MethodSource("cases")
    @DisplayName("a simple meter reads 3/4 or 4/4, never compound, on click tracks and drum patterns with straight eighths")
    void simpleMeter(int rate, double bpm, int beatsPerBar) {
        assertEquals(beatsPerBar + "/4", MusicAnalyzer.analyze(MusicSignals.clicks(rate, bpm, beatsPerBar, SECONDS, 7), rate).meter(), "clicks");
        assertEquals(beatsPerBar + "/4", MusicAnalyzer.analyze(MusicSignals.drums(rate, bpm, beatsPerBar, SECONDS, 11), rate).meter(), "drums");
    }

    private static void check(float[][] audio, int rate, double bpm, int beatsPerBar) {
        BeatGrid grid = MusicAnalyzer.beatGrid(audio, rate);
        double[] truth = MusicSignals.beats(bpm, SECONDS);
        assertEquals(bpm, grid.bpm(), bpm * 0.01, "tempo");
        assertTrue(grid.bpmConfidence() > 0.3, "confidence " + grid.bpmConfidence());
        int matched = 0;
        for (double beat : grid.beatSeconds()) {
            double error = nearest(truth, beat) - beat;
            assertTrue(Math.abs(error) <= 0.020, "beat at " + beat + " s is " + Math.round(error * 1000) + " ms off");
            matched++;
        }
        assertTrue(matched >= truth.length - 2, "found " + matched + " of " + truth.length + " beats");
        assertEquals(beatsPerBar, grid.beatsPerBar(), "beats per bar");
        for (double downbeat : grid.downbeatSeconds()) {
            int index = (int) Math.round((downbeat - MusicSignals.START_SECONDS) * bpm / 60);
            assertEquals(0, index % beatsPerBar, "downbeat at " + downbeat + " s is beat " + (index % beatsPerBar + 1) + " of its bar");
        }
    }

    private static double nearest(double[] values, double x) {
        double best = values[0];
        for (double v : values) {
            if (Math.abs(v - x) < Math.abs(best - x)) {
                best = v;
            }
        }
        return best;
    }
}
