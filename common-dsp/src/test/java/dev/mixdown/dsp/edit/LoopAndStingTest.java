package dev.mixdown.dsp.edit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixdown.dsp.analysis.music.BeatGrid;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Loops and stings")
class LoopAndStingTest {

    @ParameterizedTest(name = "{1} bars at {0} Hz")
    @CsvSource({"44100, 4", "44100, 8", "44100, 16", "48000, 4", "48000, 8", "48000, 16"})
    @DisplayName("a loop is exactly N bars to the sample, starts on a downbeat and wraps without a click or a jump in loudness")
    void loopsWrapSeamlessly(int rate, int bars) {
        EditTestSong s = CutdownTest.song(rate);
        EditAnalysis a = EditAnalysis.of(s.mix, rate, s.grid);
        EditPlan plan = LoopPlanner.plan(a, bars);
        float[][] loop = EditRenderer.render(plan, s.mix);
        long start = plan.segments().get(0).sourceStartFrame();
        int first = Arrays.binarySearch(s.downbeatFrames, start);
        assertTrue(first >= 0, "starts on a downbeat");
        assertEquals(s.downbeatFrames[first + bars] - start, loop[0].length, "exactly " + bars + " bars");
        assertEquals(bars * 4 * 60.0 / EditTestSong.BPM, (double) loop[0].length / rate, 1.0 / rate);

        // play it twice in a row: the wrap must be no rougher than the song around the same places
        int len = loop[0].length;
        float[][] twice = new float[2][2 * len];
        for (int ch = 0; ch < 2; ch++) {
            System.arraycopy(loop[ch], 0, twice[ch], 0, len);
            System.arraycopy(loop[ch], 0, twice[ch], len, len);
        }
        int w = 2 * plan.wrap().crossfadeFrames();
        double atWrap = EditTestSong.largestStep(twice, len - w, len + w);
        long end = plan.wrap().fromSourceFrame();
        double own = Math.max(EditTestSong.largestStep(s.mix, start - rate / 10, start + rate / 10),
                EditTestSong.largestStep(s.mix, end - rate / 10, end + rate / 10));
        assertTrue(atWrap <= own, "step at the wrap " + atWrap + ", the song's own " + own);

        int beat = (int) Math.round(60.0 / EditTestSong.BPM * rate);
        Double firstBeat = EditReport.integratedLufs(slice(loop, 0, beat), rate);
        Double lastBeat = EditReport.integratedLufs(slice(loop, len - beat, len), rate);
        assertTrue(Math.abs(firstBeat - lastBeat) <= 1.0, "first beat " + firstBeat + " LUFS, last " + lastBeat);

        EditReport report = EditReport.of(plan, a, s.mix, loop);
        assertEquals(1, report.joins().size());
        assertTrue(report.joins().get(0).wrap());
        assertEquals(bars, report.segments().get(0).sourceEndBar() - report.segments().get(0).sourceStartBar(), 1e-9);
    }

    @Test
    @DisplayName("loop stems cut by the mix's plan sum to the cut mix")
    void loopStems() {
        EditTestSong s = CutdownTest.song(48_000);
        EditPlan plan = LoopPlanner.plan(EditAnalysis.of(s.mix, 48_000, s.grid), 8);
        float[][] mix = EditRenderer.render(plan, s.mix);
        float[][][] cut = Arrays.stream(s.stems).map(stem -> EditRenderer.render(plan, stem)).toArray(float[][][]::new);
        for (int ch = 0; ch < 2; ch++) {
            for (int n = 0; n < mix[ch].length; n++) {
                assertEquals(mix[ch][n], cut[0][ch][n] + cut[1][ch][n] + cut[2][ch][n], 1e-6);
            }
        }
    }

    @Test
    @DisplayName("a loop needs a bar grid and enough bars")
    void loopRefusals() {
        EditTestSong s = CutdownTest.song(44_100);
        IllegalArgumentException noGrid = assertThrows(IllegalArgumentException.class,
                () -> LoopPlanner.plan(EditAnalysis.of(s.mix, 44_100, BeatGrid.none()), 4));
        assertTrue(noGrid.getMessage().contains("no bar grid"));
        assertThrows(IllegalArgumentException.class, () -> LoopPlanner.plan(EditAnalysis.of(s.mix, 44_100, s.grid), 64));
    }

    @ParameterizedTest(name = "{0} Hz")
    @ValueSource(ints = {44_100, 48_000})
    @DisplayName("a sting is at most 5 s, starts on a downbeat and is the track's own ending, untouched to its last sample")
    void stingFromTheEnding(int rate) {
        EditTestSong s = CutdownTest.song(rate);
        EditAnalysis a = EditAnalysis.of(s.mix, rate, s.grid);
        EditPlan plan = StingPlanner.plan(a);
        float[][] sting = EditRenderer.render(plan, s.mix);
        assertTrue(sting[0].length <= 5 * rate, "at most 5 s: " + sting[0].length);
        assertTrue(sting[0].length >= 3 * rate, "uses most of the 5 s it may: " + sting[0].length);
        long start = plan.segments().get(0).sourceStartFrame();
        assertTrue(Arrays.binarySearch(s.downbeatFrames, start) >= 0);
        int end = (int) a.musicEndFrame();
        int tail = sting[0].length - plan.fadeInFrames();
        assertArrayEquals(Arrays.copyOfRange(s.mix[0], end - tail, end), Arrays.copyOfRange(sting[0], sting[0].length - tail, sting[0].length));
        assertEquals(0, plan.fadeOutFrames(), "the ending decays as written");
    }

    @Test
    @DisplayName("a track that fades out gives a sting from its strongest hit, decaying naturally to silence within 5 s")
    void stingFromTheStrongestHit() {
        int rate = 44_100;
        EditTestSong s = CutdownTest.song(rate);
        float[][] faded = new float[2][s.frames];
        long fadeStart = s.downbeatFrames[30];
        long fadeEnd = s.downbeatFrames[36];
        for (int ch = 0; ch < 2; ch++) {
            for (int n = 0; n < fadeEnd; n++) {
                double g = n < fadeStart ? 1 : Math.pow(1 - (double) (n - fadeStart) / (fadeEnd - fadeStart), 4);
                faded[ch][n] = (float) (s.mix[ch][n] * g);
            }
        }
        EditAnalysis a = EditAnalysis.of(faded, rate, s.grid);
        EditPlan plan = StingPlanner.plan(a);
        float[][] sting = EditRenderer.render(plan, faded);
        assertTrue(sting[0].length <= 5 * rate);
        assertTrue(plan.notes().stream().anyMatch(n -> n.contains("strongest hit")), plan.notes().toString());
        assertTrue(plan.fadeOutFrames() > 0);
        assertEquals(0f, sting[0][sting[0].length - 1], 1e-6f, "decays to silence");
        assertTrue(plan.segments().get(0).sourceStartFrame() < fadeStart, "the hit lies before the fade-out");
    }

    @Test
    @DisplayName("without a bar grid a sting still takes the ending, at most 5 s")
    void stingWithoutGrid() {
        EditTestSong s = CutdownTest.song(48_000);
        EditAnalysis a = EditAnalysis.of(s.mix, 48_000, BeatGrid.none());
        EditPlan plan = StingPlanner.plan(a);
        assertTrue(plan.outputFrames() <= 5 * 48_000 && plan.outputFrames() >= 2 * 48_000);
        assertEquals(a.musicEndFrame(), plan.segments().get(0).sourceEndFrame());
        assertTrue(plan.notes().stream().anyMatch(n -> n.contains("no bar grid")));
    }

    private static float[][] slice(float[][] x, int from, int to) {
        return new float[][] {Arrays.copyOfRange(x[0], from, to), Arrays.copyOfRange(x[1], from, to)};
    }
}
