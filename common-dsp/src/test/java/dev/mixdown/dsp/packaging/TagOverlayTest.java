package dev.mixdown.dsp.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixdown.dsp.generate.DemoSong;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TagOverlayTest {
    private static final double BAR_SECONDS = 4 * 60 / 112.0;

    private static float[][] music(int rate, double seconds) {
        DemoSong song = new DemoSong(rate, seconds);
        int frames = (int) song.frames();
        float[][] out = new float[2][frames];
        song.renderMix(0, out, frames, new float[2][frames]);
        for (float[] ch : out) {
            for (int i = 0; i < frames; i++) {
                ch[i] *= 0.5f; // leave the limiter nothing to do
            }
        }
        return out;
    }

    /** A 1.2 s spoken-tag stand-in: a gated, seeded noise burst through a 1 kHz ring. */
    private static float[][] tag(int rate) {
        Random random = new Random(11);
        int frames = (int) (1.2 * rate);
        float[][] t = new float[1][frames];
        for (int i = 0; i < frames; i++) {
            double env = Math.sin(Math.PI * i / frames);
            t[0][i] = (float) (0.3 * env * Math.sin(2 * Math.PI * 1000 * i / rate) * (0.5 + random.nextDouble()));
        }
        return t;
    }

    private static long[] downbeats(int rate, double seconds) {
        int bars = (int) (seconds / BAR_SECONDS);
        long[] d = new long[bars];
        for (int i = 0; i < bars; i++) {
            d[i] = Math.round(i * BAR_SECONDS * rate);
        }
        return d;
    }

    @Test
    @DisplayName("By default a tag falls on every n-th downbeat, n chosen so that tags are 20 to 30 s apart")
    void defaultIntervalIsTwentyToThirtySeconds() {
        int rate = 48_000;
        long[] d = downbeats(rate, 120);
        List<Long> at = TagOverlay.positions(d, rate, 120L * rate, rate, 0);
        assertTrue(at.size() >= 4, "tags: " + at);
        for (int i = 0; i < at.size(); i++) {
            long pos = at.get(i);
            assertTrue(java.util.Arrays.stream(d).anyMatch(x -> x == pos), pos + " is not a downbeat");
            if (i > 0) {
                double gap = (pos - at.get(i - 1)) / (double) rate;
                assertTrue(gap >= 20 && gap <= 30, "gap " + gap + " s");
            }
        }
    }

    @ParameterizedTest(name = "{0} Hz")
    @ValueSource(ints = {44_100, 48_000})
    @DisplayName("Each tag sits 3 LU under the short-term loudness of the music around it and starts on its downbeat")
    void tagSitsAtTheStatedLoudness(int rate) {
        float[][] music = music(rate, 40);
        long[] d = downbeats(rate, 40);
        float[][] tag = tag(rate);
        List<Long> at = TagOverlay.positions(d, rate, music[0].length, tag[0].length, 4);
        TagOverlay.Result r = TagOverlay.render(music, rate, tag, at, -3.0, 0, -1.0);
        assertEquals(at.size(), r.placements().size());
        for (TagOverlay.Placement p : r.placements()) {
            int from = (int) p.frame();
            float[][] added = new float[2][tag[0].length];
            for (int ch = 0; ch < 2; ch++) {
                for (int i = 0; i < tag[0].length; i++) {
                    added[ch][i] = r.samples()[ch][from + i] - music[ch][from + i];
                }
            }
            // the tag as it sounds in the preview: where it starts, and how loud against the music around it
            int first = 0;
            while (Math.abs(added[0][first]) < 1e-6) {
                first++;
            }
            assertTrue(first < rate / 100, "the tag starts " + first + " frames after the downbeat");
            double tagLufs = TagOverlay.loudness(added, rate, 0, added[0].length);
            int window = (int) (3.0 * rate);
            int wFrom = Math.max(0, from + tag[0].length / 2 - window / 2);
            double musicLufs = TagOverlay.loudness(music, rate, wFrom, Math.min(music[0].length, wFrom + window));
            assertEquals(-3.0, tagLufs - musicLufs, 0.2, "tag at " + from);
        }
    }

    @Test
    @DisplayName("Ducking lowers the music under the tag by the stated amount and leaves it alone elsewhere")
    void duckingDipsTheMusicUnderTheTag() {
        int rate = 48_000;
        float[][] music = music(rate, 20);
        float[][] silentTag = tag(rate);
        long at = Math.round(4 * BAR_SECONDS * rate);
        TagOverlay.Result r = TagOverlay.render(music, rate, silentTag, List.of(at), -60, -6, -1.0);
        // halfway through the tag the tag itself is 57 dB under the music: what is left is the ducked music
        int mid = (int) at + silentTag[0].length / 2;
        double ratio = 0;
        double n = 0;
        for (int i = mid - 2000; i < mid + 2000; i++) {
            if (Math.abs(music[0][i]) > 1e-3) {
                ratio += r.samples()[0][i] / music[0][i];
                n++;
            }
        }
        assertEquals(-6.0, 20 * Math.log10(ratio / n), 0.1);
        assertEquals(music[0][rate], r.samples()[0][rate], 1e-6f);
    }

    @Test
    @DisplayName("A silent voice tag is refused with a clear error")
    void silentTagIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> TagOverlay.render(music(48_000, 10), 48_000, new float[1][48_000], List.of(0L), -3, 0, -1));
    }
}
