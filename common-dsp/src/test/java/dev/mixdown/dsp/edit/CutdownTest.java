package dev.mixdown.dsp.edit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixdown.dsp.analysis.music.BeatGrid;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Cutdowns")
class CutdownTest {
    private static final Map<Integer, EditTestSong> SONGS = new HashMap<>();

    static synchronized EditTestSong song(int rate) {
        return SONGS.computeIfAbsent(rate, r -> new EditTestSong(r, 14));
    }

    @ParameterizedTest(name = "{1} s at {0} Hz")
    @CsvSource({"44100, 60", "44100, 30", "44100, 15", "48000, 30", "48000, 15", "48000, 22.5"})
    @DisplayName("a cutdown is exactly the length asked for, joined on downbeats, and ends with the track's own ending")
    void exactLengthOnDownbeatsWithTheRealEnding(int rate, double seconds) {
        EditTestSong s = song(rate);
        EditAnalysis a = EditAnalysis.of(s.mix, rate, s.grid);
        long length = Math.round(seconds * rate);
        EditPlan plan = CutdownPlanner.plan(a, length);
        float[][] edit = EditRenderer.render(plan, s.mix);

        assertEquals(length, edit[0].length, "length to the sample");
        assertEquals(length, edit[1].length);
        assertFalse(plan.joins().isEmpty());
        List<Long> downbeats = Arrays.stream(s.downbeatFrames).boxed().toList();
        for (EditJoin j : plan.joins()) {
            assertTrue(downbeats.contains(j.fromSourceFrame()), "leaves on a downbeat: " + j);
            assertTrue(downbeats.contains(j.toSourceFrame()), "lands on a downbeat: " + j);
        }
        assertEquals(0, plan.segments().get(0).sourceStartFrame(), "keeps the opening");
        EditSegment ending = plan.segments().get(plan.segments().size() - 1);
        assertEquals(a.musicEndFrame(), ending.sourceEndFrame(), "plays to the end of the music");
        assertTrue(plan.paddingFrames() >= 0 && plan.paddingFrames() <= a.longestBarFrames());

        // the real ending: the last seconds of music equal the original's sample for sample
        int content = (int) plan.contentFrames();
        int end = (int) a.musicEndFrame();
        int tail = (int) Math.min(ending.frames(), 4L * rate);
        for (int ch = 0; ch < 2; ch++) {
            assertArrayEquals(Arrays.copyOfRange(s.mix[ch], end - tail, end), Arrays.copyOfRange(edit[ch], content - tail, content));
            for (int n = content; n < edit[ch].length; n++) {
                assertEquals(0f, edit[ch][n], "digital silence pads the rest");
            }
        }

        EditReport report = EditReport.of(plan, a, s.mix, edit);
        assertTrue(report.barGrid());
        assertNotNull(report.lastDownbeatToEndSeconds());
        assertTrue(report.lastDownbeatToEndSeconds() <= 1.5, "last downbeat at most 1.5 s before the end: " + report);
        assertTrue(report.loudnessWithin1Lu(), "edit loudness within 1 LU of the track: " + report.loudnessDifferenceLu());
        for (EditReport.Join j : report.joins()) {
            assertEquals(Math.rint(j.fromBar()), j.fromBar(), 1e-9, "joins sit on whole bars");
            assertEquals(Math.rint(j.toBar()), j.toBar(), 1e-9);
        }
    }

    @ParameterizedTest(name = "{0} Hz")
    @ValueSource(ints = {44_100, 48_000})
    @DisplayName("no join clicks: the largest sample step around a join is no larger than the song's own nearby")
    void noClickAtJoins(int rate) {
        EditTestSong s = song(rate);
        EditAnalysis a = EditAnalysis.of(s.mix, rate, s.grid);
        for (double seconds : new double[] {60, 30, 15}) {
            EditPlan plan = CutdownPlanner.plan(a, Math.round(seconds * rate));
            float[][] edit = EditRenderer.render(plan, s.mix);
            int near = rate / 10;
            for (EditJoin j : plan.joins()) {
                int w = 2 * j.crossfadeFrames();
                double joined = EditTestSong.largestStep(edit, j.outputFrame() - w, j.outputFrame() + w);
                double own = Math.max(EditTestSong.largestStep(s.mix, j.fromSourceFrame() - near, j.fromSourceFrame() + near),
                        EditTestSong.largestStep(s.mix, j.toSourceFrame() - near, j.toSourceFrame() + near));
                assertTrue(joined <= own, seconds + " s: step " + joined + " at the join, the song's own " + own);
            }
        }
    }

    @Test
    @DisplayName("the check for clicks bites: the same joins cut without a crossfade do click")
    void hardCutsWouldClick() {
        EditTestSong s = song(44_100);
        EditAnalysis a = EditAnalysis.of(s.mix, 44_100, s.grid);
        // from the middle of section A to the middle of section B: different chords on both sides
        long from = s.downbeatFrames[8];
        long to = s.downbeatFrames[8 + 8 + 3];
        EditPlan hard = new EditPlan(EditKind.CUTDOWN, 44_100, s.frames, a.musicEndFrame(), from + a.musicEndFrame() - to,
                List.of(new EditSegment(0, from, 0), new EditSegment(to, a.musicEndFrame(), from)),
                List.of(new EditJoin(from, from, to, 0, 0)), null, 0, 0, s.downbeatFrames, List.of());
        float[][] edit = EditRenderer.render(hard, s.mix);
        int near = 4410;
        double own = Math.max(EditTestSong.largestStep(s.mix, from - near, from + near), EditTestSong.largestStep(s.mix, to - near, to + near));
        assertTrue(EditTestSong.largestStep(edit, from - 10, from + 10) > own);
        EditPlan soft = new EditPlan(EditKind.CUTDOWN, 44_100, s.frames, a.musicEndFrame(), hard.outputFrames(), hard.segments(),
                List.of(new EditJoin(from, from, to, 882, 0)), null, 0, 0, s.downbeatFrames, List.of());
        assertTrue(EditTestSong.largestStep(EditRenderer.render(soft, s.mix), from - 2000, from + 2000) <= own);
    }

    @ParameterizedTest(name = "{0} s")
    @ValueSource(doubles = {15, 20, 30})
    @DisplayName("a quiet intro and ending do not drag a short cutdown down: its integrated loudness stays within 1 LU of the full track's")
    void quietIntroAndEndingKeepTheLoudness(double seconds) {
        int rate = 44_100;
        EditTestSong s = song(rate);
        // the first twelve bars and everything from the last three downbeats on, 20 dB down
        long quietUntil = s.downbeatFrames[12];
        long quietFrom = s.downbeatFrames[s.downbeatFrames.length - 3];
        float[][] mix = new float[2][];
        for (int ch = 0; ch < 2; ch++) {
            mix[ch] = s.mix[ch].clone();
            for (int n = 0; n < mix[ch].length; n++) {
                if (n < quietUntil || n >= quietFrom) {
                    mix[ch][n] *= 0.1f;
                }
            }
        }
        EditAnalysis a = EditAnalysis.of(mix, rate, s.grid);
        EditPlan plan = CutdownPlanner.plan(a, Math.round(seconds * rate));
        EditReport report = EditReport.of(plan, a, mix, EditRenderer.render(plan, mix));
        assertTrue(report.loudnessWithin1Lu(), "edit " + report.editLufs() + " LUFS, track " + report.fullTrackLufs()
                + " LUFS, segments " + report.segments());
        assertEquals(0, plan.segments().get(0).sourceStartFrame(), "keeps the opening");
        assertEquals(a.musicEndFrame(), plan.segments().get(plan.segments().size() - 1).sourceEndFrame(), "keeps the ending");
    }

    @Test
    @DisplayName("the joins chosen are where the music matches: a repeated section lines up almost perfectly")
    void choosesMatchingJoins() {
        EditTestSong s = song(44_100);
        EditAnalysis a = EditAnalysis.of(s.mix, 44_100, s.grid);
        EditPlan plan = CutdownPlanner.plan(a, 30L * 44_100);
        double score = plan.joins().get(0).matchScore();
        assertTrue(score > 0.9, "match " + score + " in " + plan.joins());
    }

    @ParameterizedTest(name = "{0} Hz")
    @ValueSource(ints = {44_100, 48_000})
    @DisplayName("stems cut by the plan made from the mix sum to the cut mix")
    void stemsSumToTheCutMix(int rate) {
        EditTestSong s = song(rate);
        EditAnalysis a = EditAnalysis.of(s.mix, rate, s.grid);
        EditPlan plan = CutdownPlanner.plan(a, 30L * rate);
        float[][] cutMix = EditRenderer.render(plan, s.mix);
        float[][] sum = new float[2][cutMix[0].length];
        for (float[][] stem : s.stems) {
            float[][] cut = EditRenderer.render(plan, stem);
            assertEquals(cutMix[0].length, cut[0].length);
            for (int ch = 0; ch < 2; ch++) {
                for (int n = 0; n < cut[ch].length; n++) {
                    sum[ch][n] += cut[ch][n];
                }
            }
        }
        for (int ch = 0; ch < 2; ch++) {
            for (int n = 0; n < sum[ch].length; n++) {
                assertEquals(cutMix[ch][n], sum[ch][n], 1e-6, "frame " + n);
            }
        }
    }

    @ParameterizedTest(name = "{0} Hz")
    @ValueSource(ints = {44_100, 48_000})
    @DisplayName("without a bar grid the cutdown is still exact, joins at a quiet, matching point, and says no grid was found")
    void noGridFallback(int rate) {
        EditTestSong s = song(rate);
        EditAnalysis a = EditAnalysis.of(s.mix, rate, BeatGrid.none());
        EditPlan plan = CutdownPlanner.plan(a, 30L * rate);
        float[][] edit = EditRenderer.render(plan, s.mix);
        assertEquals(30L * rate, edit[0].length);
        assertEquals(0, plan.paddingFrames(), "joined anywhere, the music fills the length exactly");
        EditReport report = EditReport.of(plan, a, s.mix, edit);
        assertFalse(report.barGrid());
        assertTrue(report.notes().stream().anyMatch(n -> n.contains("no bar grid was found")), report.notes().toString());
        EditJoin j = plan.joins().get(0);
        double joined = EditTestSong.largestStep(edit, j.outputFrame() - 2 * j.crossfadeFrames(), j.outputFrame() + 2 * j.crossfadeFrames());
        double own = Math.max(EditTestSong.largestStep(s.mix, j.fromSourceFrame() - rate / 10, j.fromSourceFrame() + rate / 10),
                EditTestSong.largestStep(s.mix, j.toSourceFrame() - rate / 10, j.toSourceFrame() + rate / 10));
        assertTrue(joined <= own, "step " + joined + " vs " + own);
        int end = (int) a.musicEndFrame();
        assertArrayEquals(Arrays.copyOfRange(s.mix[0], end - rate, end), Arrays.copyOfRange(edit[0], edit[0].length - rate, edit[0].length));
    }

    @Test
    @DisplayName("bad input is refused: longer than the track, silence, nothing at all")
    void badInput() {
        EditTestSong s = song(44_100);
        EditAnalysis a = EditAnalysis.of(s.mix, 44_100, s.grid);
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class, () -> CutdownPlanner.plan(a, 600L * 44_100));
        assertTrue(tooLong.getMessage().contains("shorter than the requested"), tooLong.getMessage());
        IllegalArgumentException silent = assertThrows(IllegalArgumentException.class,
                () -> EditAnalysis.of(new float[2][44_100 * 40], 44_100, s.grid));
        assertTrue(silent.getMessage().contains("silent"), silent.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EditAnalysis.of(new float[1][0], 44_100, BeatGrid.none()));
    }
}
