package dev.mixdown.dsp.master;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixdown.dsp.analysis.LoudnessAnalyzer;
import dev.mixdown.dsp.analysis.LoudnessSummary;
import dev.mixdown.dsp.io.AudioFiles;
import dev.mixdown.dsp.io.AudioSink;
import dev.mixdown.dsp.io.AudioSource;
import dev.mixdown.dsp.io.OutputFormat;
import dev.mixdown.dsp.io.OutputFormat.BitDepth;
import dev.mixdown.dsp.testing.Signals;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Master engine")
class MasterEngineTest {
    @TempDir
    Path dir;

    private Path write(String name, float[][] x, int rate) throws IOException {
        Path p = dir.resolve(name);
        try (AudioSink s = AudioFiles.create(p, new OutputFormat(OutputFormat.Container.WAV, rate, x.length, BitDepth.PCM_24))) {
            s.write(x, 0, x[0].length);
        }
        return p;
    }

    private Path music(String name, long seed, double gain) throws IOException {
        return write(name, Signals.at(44_100, 2).music(seed, 16, gain).build(), 44_100);
    }

    private MasterReport master(Path in, MasterSettings settings, Deliverable... out) throws IOException {
        return new MasterEngine().master(new MasterJob(in, settings, List.of(out), dir.resolve("work"), null));
    }

    static Stream<Arguments> targetsAndFormats() {
        Stream.Builder<Arguments> b = Stream.builder();
        String[] targets = {"spotify", "apple-music", "amazon-music", "ebu-r128", "atsc-a85"};
        Object[][] formats = {
            {DeliveryFormat.WAV, 0, BitDepth.PCM_16},
            {DeliveryFormat.FLAC, 48_000, BitDepth.PCM_24},
            {DeliveryFormat.WAV, 96_000, BitDepth.FLOAT_32},
        };
        for (String t : targets) {
            for (Object[] f : formats) {
                b.add(Arguments.of(t, f[0], f[1], f[2]));
            }
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0} as {1} at {2} Hz, {3}")
    @MethodSource("targetsAndFormats")
    @DisplayName("the delivered file measures within 0.1 LU of the target with its true peak at or under the ceiling")
    void hitsTheTarget(String target, DeliveryFormat format, int rate, BitDepth depth) throws IOException {
        Path in = music("in.wav", 11, 0.25);
        Path out = dir.resolve("out." + format.id());
        DeliveryTarget t = DeliveryTarget.named(target);
        MasterReport r = master(in, MasterSettings.defaults(), new Deliverable(out, format, rate, depth, 320, t));

        LoudnessSummary s = LoudnessAnalyzer.analyze(out);
        assertEquals(t.targetLufs(), s.integratedLufs().getAsDouble(), 0.1, "integrated loudness");
        assertTrue(s.truePeakDbtp().getAsDouble() <= t.ceilingDbtp(), "true peak " + s.truePeakDbtp().getAsDouble());
        assertEquals(rate == 0 ? 44_100 : rate, s.sampleRate());
        try (AudioSource src = AudioFiles.open(out)) {
            assertEquals(depth.bits, src.info().bitsPerSample());
            assertEquals(Math.round(16.0 * s.sampleRate()), src.info().frames(), "same duration");
        }
        MasterReport.DeliveredFile d = r.deliverables().get(0);
        assertTrue(d.onTarget(), d.note());
        assertEquals(s.integratedLufs().getAsDouble(), d.after().integratedLufs(), 0.001, "the report tells the truth");
    }

    @Test
    @DisplayName("the same input and settings give bit-identical files")
    void deterministic() throws IOException {
        Path in = music("in.wav", 3, 0.3);
        Path a = dir.resolve("a.wav");
        Path b = dir.resolve("b.wav");
        DeliveryTarget t = DeliveryTarget.named("spotify");
        master(in, MasterSettings.defaults(), new Deliverable(a, DeliveryFormat.WAV, 48_000, BitDepth.PCM_16, 320, t));
        master(in, MasterSettings.defaults(), new Deliverable(b, DeliveryFormat.WAV, 48_000, BitDepth.PCM_16, 320, t));
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    }

    @Test
    @DisplayName("one job delivers several files, each on its own target, from one analysis")
    void severalDeliverables() throws IOException {
        Path in = music("in.wav", 5, 0.2);
        Path spotify = dir.resolve("spotify.wav");
        Path apple = dir.resolve("apple.wav");
        Path broadcast = dir.resolve("broadcast.flac");
        MasterReport r = master(in, MasterSettings.defaults(),
                new Deliverable(spotify, DeliveryFormat.WAV, 44_100, BitDepth.PCM_24, 320, DeliveryTarget.named("spotify")),
                new Deliverable(apple, DeliveryFormat.WAV, 48_000, BitDepth.PCM_24, 320, DeliveryTarget.named("apple-music")),
                new Deliverable(broadcast, DeliveryFormat.FLAC, 48_000, BitDepth.PCM_24, 320, DeliveryTarget.named("ebu-r128")));
        assertEquals(3, r.deliverables().size());
        assertEquals(-14, LoudnessAnalyzer.analyze(spotify).integratedLufs().getAsDouble(), 0.1);
        assertEquals(-16, LoudnessAnalyzer.analyze(apple).integratedLufs().getAsDouble(), 0.1);
        assertEquals(-23, LoudnessAnalyzer.analyze(broadcast).integratedLufs().getAsDouble(), 0.1);
        assertEquals(48_000, LoudnessAnalyzer.analyze(apple).sampleRate());
    }

    @Test
    @DisplayName("a very dynamic recording asked for -8 LUFS gets its best within sane limiting, and the report says by how much it missed")
    void unreachableTarget() throws IOException {
        Signals s = Signals.at(44_100, 2).music(9, 4, 0.02);
        for (int i = 0; i < 6; i++) {
            s.silence(0.7).sineAtPhase(100, 0.9, 0, 0.05).music(10 + i, 1.0, 0.02); // sparse hard hits over a quiet bed
        }
        Path in = write("dynamic.wav", s.build(), 44_100);
        Path out = dir.resolve("club.wav");
        MasterReport r = master(in, MasterSettings.defaults(),
                new Deliverable(out, DeliveryFormat.WAV, 0, BitDepth.PCM_24, 320, DeliveryTarget.named("club")));
        MasterReport.DeliveredFile d = r.deliverables().get(0);
        LoudnessSummary m = LoudnessAnalyzer.analyze(out);
        assertFalse(d.onTarget());
        assertTrue(m.truePeakDbtp().getAsDouble() <= -0.5, "the ceiling still holds");
        assertTrue(m.integratedLufs().getAsDouble() < -8.1, "it could not reach -8");
        assertTrue(d.limiter().meanReductionDb() <= MasterEngine.MAX_MEAN_LIMITING_DB + 0.01);
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("LU short")), r.warnings().toString());
        assertEquals(-8 - m.integratedLufs().getAsDouble(), -d.loudnessErrorLu(), 0.01);
    }

    @Test
    @DisplayName("an MP3 deliverable is checked after decoding: on target, true peak under the ceiling")
    void mp3() throws IOException {
        Path in = music("in.wav", 13, 0.3);
        Path out = dir.resolve("preview.mp3");
        MasterReport r = master(in, MasterSettings.defaults(),
                new Deliverable(out, DeliveryFormat.MP3, 0, null, 320, DeliveryTarget.named("spotify")));
        LoudnessSummary decoded = LoudnessAnalyzer.analyze(out);
        assertEquals(-14, decoded.integratedLufs().getAsDouble(), 0.1);
        assertTrue(decoded.truePeakDbtp().getAsDouble() <= -1.0, "decoded true peak " + decoded.truePeakDbtp().getAsDouble());
        assertEquals(320, r.deliverables().get(0).bitrateKbps());
        assertEquals(44_100, decoded.sampleRate());
    }

    @Test
    @DisplayName("album mode keeps the tracks' loudness relations and puts the loudest on the target")
    void album() throws IOException {
        Path loud = music("loud.wav", 31, 0.3);
        Path quiet = music("quiet.wav", 32, 0.15); // about 6 dB down
        DeliveryTarget t = DeliveryTarget.named("spotify");
        double before = LoudnessAnalyzer.analyze(loud).integratedLufs().getAsDouble()
                - LoudnessAnalyzer.analyze(quiet).integratedLufs().getAsDouble();
        Path a = dir.resolve("a.wav");
        Path b = dir.resolve("b.wav");
        List<MasterReport> reports = new MasterEngine().masterAlbum(List.of(
                new MasterJob(loud, MasterSettings.defaults(), List.of(new Deliverable(a, DeliveryFormat.WAV, 0, null, 320, t)),
                        dir.resolve("w1"), null),
                new MasterJob(quiet, MasterSettings.defaults(), List.of(new Deliverable(b, DeliveryFormat.WAV, 0, null, 320, t)),
                        dir.resolve("w2"), null)));
        LoudnessSummary la = LoudnessAnalyzer.analyze(a);
        LoudnessSummary lb = LoudnessAnalyzer.analyze(b);
        assertEquals(-14, la.integratedLufs().getAsDouble(), 0.1, "the loudest track sits on the target");
        assertEquals(before, la.integratedLufs().getAsDouble() - lb.integratedLufs().getAsDouble(), 0.75, "relations kept");
        assertTrue(la.truePeakDbtp().getAsDouble() <= -1.0);
        assertTrue(lb.truePeakDbtp().getAsDouble() <= -1.0);
        assertEquals(2, reports.size());
        assertTrue(reports.get(1).deliverables().get(0).note().startsWith("album gain"), reports.get(1).deliverables().get(0).note());
    }

    @Test
    @DisplayName("a silent input is refused with a message that names it")
    void silentInput() throws IOException {
        Path in = write("silence.wav", new float[2][44_100 * 2], 44_100);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> master(in, MasterSettings.defaults(),
                new Deliverable(dir.resolve("x.wav"), DeliveryFormat.WAV, 0, null, 320, DeliveryTarget.named("spotify"))));
        assertTrue(e.getMessage().contains("silence.wav") && e.getMessage().contains("silent"), e.getMessage());
    }

    @Test
    @DisplayName("tone: amount 0 moves nothing; bright lifts the top more than warm; a track as its own reference needs almost nothing")
    void tone() throws IOException {
        Path in = music("in.wav", 21, 0.3);
        Deliverable d = new Deliverable(dir.resolve("o.wav"), DeliveryFormat.WAV, 0, null, 320, DeliveryTarget.named("spotify"));
        assertTrue(master(in, new MasterSettings(ToneProfile.BRIGHT, List.of(), 0, true, null), d).plan().eq().isEmpty());

        double brightTop = highShelf(master(in, new MasterSettings(ToneProfile.BRIGHT, List.of(), 100, true, null), d).plan());
        double warmTop = highShelf(master(in, new MasterSettings(ToneProfile.WARM, List.of(), 100, true, null), d).plan());
        assertTrue(brightTop > warmTop, "bright " + brightTop + " vs warm " + warmTop);

        MasterReport self = master(in, new MasterSettings(null, List.of(new MasterSettings.Reference(in, 1)), 100, true, null), d);
        for (MasterPlan.EqMove m : self.plan().eq()) {
            assertTrue(Math.abs(m.gainDb()) < 0.5, m.toString());
        }
        for (MasterPlan.EqMove m : master(in, new MasterSettings(ToneProfile.BRIGHT, List.of(), 100, true, null), d).plan().eq()) {
            assertTrue(Math.abs(m.gainDb()) <= MasterPlanner.SHELF_CAP_DB, "capped: " + m);
        }
    }

    private static double highShelf(MasterPlan plan) {
        return plan.eq().stream().filter(m -> m.shape().equals("HIGH_SHELF")).mapToDouble(MasterPlan.EqMove::gainDb).findFirst().orElse(0);
    }
}
