package dev.mixdown.dsp.mix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixdown.dsp.analysis.LoudnessAnalyzer;
import dev.mixdown.dsp.analysis.LoudnessSummary;
import dev.mixdown.dsp.filter.Biquad;
import dev.mixdown.dsp.filter.BiquadShape;
import dev.mixdown.dsp.io.AudioFileException;
import dev.mixdown.dsp.io.AudioFiles;
import dev.mixdown.dsp.io.AudioSink;
import dev.mixdown.dsp.io.AudioSource;
import dev.mixdown.dsp.io.OutputFormat;
import dev.mixdown.dsp.io.OutputFormat.BitDepth;
import dev.mixdown.dsp.master.Deliverable;
import dev.mixdown.dsp.master.DeliveryFormat;
import dev.mixdown.dsp.master.DeliveryTarget;
import dev.mixdown.dsp.master.MasterSettings;
import dev.mixdown.dsp.processor.ProcessSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A generated multitrack whose right balance is known: the role table says where each stem belongs. */
@DisplayName("Mix engine")
class MixEngineTest {
    static final int RATE = 44_100;
    static final int SECONDS = 12;

    @TempDir
    Path dir;

    private Path stem(String name, int rate, int channels, double gainDb, IntToDoubleFunction signal) throws IOException {
        Path p = dir.resolve(name);
        int frames = rate * SECONDS;
        float[][] x = new float[channels][frames];
        double g = Math.pow(10, gainDb / 20);
        for (int i = 0; i < frames; i++) {
            double v = g * signal.applyAsDouble(i);
            for (int ch = 0; ch < channels; ch++) {
                x[ch][i] = (float) v;
            }
        }
        try (AudioSink s = AudioFiles.create(p, new OutputFormat(OutputFormat.Container.WAV, rate, channels, BitDepth.FLOAT_32))) {
            s.write(x, 0, frames);
        }
        return p;
    }

    /** Kick, bass, keys (20 dB hot), a pad (20 dB quiet) and a lead vocal-like voice with phrases and gaps. */
    private List<StemSpec> song(double keysGainDb, double padGainDb) throws IOException {
        SplittableRandom r = new SplittableRandom(7);
        double[] noise = new double[RATE * SECONDS];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = r.nextDouble() * 2 - 1;
        }
        Path kick = stem("Kick.wav", RATE, 1, 0, i -> {
            double t = (i % (RATE / 2)) / (double) RATE;
            return 0.6 * Math.exp(-t * 25) * Math.sin(2 * Math.PI * (50 + 80 * Math.exp(-t * 40)) * t);
        });
        Path bass = stem("Bass.wav", RATE, 2, 0, i -> {
            double t = (double) i / RATE;
            double f = new double[] {55, 55, 73.4, 65.4}[(int) (t / 1.5) % 4];
            return 0.25 * (Math.sin(2 * Math.PI * f * t) + 0.3 * Math.sin(4 * Math.PI * f * t));
        });
        Path keys = stem("Keys.wav", RATE, 2, keysGainDb, i -> {
            double t = (double) i / RATE;
            return 0.03 * (Math.sin(2 * Math.PI * 261.6 * t) + Math.sin(2 * Math.PI * 329.6 * t) + Math.sin(2 * Math.PI * 392 * t)
                    + 0.5 * Math.sin(2 * Math.PI * 1568 * t) + 0.4 * Math.sin(2 * Math.PI * 2637 * t));
        });
        Path pad = stem("Pad.wav", RATE, 2, padGainDb, i -> {
            double t = (double) i / RATE;
            return 0.2 * (Math.sin(2 * Math.PI * 220 * t) + Math.sin(2 * Math.PI * 277.2 * t)) * (0.7 + 0.3 * Math.sin(t));
        });
        Path vox = stem("Vox.wav", RATE, 1, 0, i -> {
            double t = (double) i / RATE;
            if ((int) (t / 1.5) % 2 == 1 && t % 1.5 > 1.2) {
                return 0; // breaths between phrases
            }
            double f0 = 220 * (1 + 0.01 * Math.sin(2 * Math.PI * 5 * t));
            double voiced = 0;
            for (int h = 1; h <= 14; h++) {
                double hz = f0 * h;
                double formant = Math.exp(-Math.pow((hz - 700) / 300, 2)) + 0.7 * Math.exp(-Math.pow((hz - 2500) / 500, 2));
                voiced += formant * Math.sin(2 * Math.PI * hz * t) / h;
            }
            return 0.15 * voiced;
        });
        return List.of(StemSpec.of(kick), StemSpec.of(bass), StemSpec.of(keys), StemSpec.of(pad), StemSpec.of(vox));
    }

    private MixReport mix(List<StemSpec> stems, Path out, Path stemsOut) throws IOException {
        return mix(new MixEngine(), stems, out, stemsOut);
    }

    private MixReport mix(MixEngine engine, List<StemSpec> stems, Path out, Path stemsOut) throws IOException {
        return engine.mix(new MixJob(stems, out, OutputFormat.Container.WAV, BitDepth.PCM_24, 0, stemsOut,
                dir.resolve("work"), null, true), MasterSettings.defaults(), List.of());
    }

    private static double integrated(Path p) throws IOException {
        return LoudnessAnalyzer.analyze(p).integratedLufs().getAsDouble();
    }

    private static Path stemOut(Path folder, String prefix) throws IOException {
        try (var s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst().orElseThrow();
        }
    }

    @Test
    @DisplayName("stems recorded 20 dB too hot or too quiet come back within 1.5 LU of the balance model's targets")
    void gainStaging() throws IOException {
        Path stemsOut = dir.resolve("stems");
        MixReport r = mix(song(20, -20), dir.resolve("mix.wav"), stemsOut);
        String[] prefixes = {"01_Kick", "02_Bass", "03_Keys", "04_Pad", "05_Vox"};
        double vox = integrated(stemOut(stemsOut, prefixes[4]));
        for (int i = 0; i < 4; i++) {
            MixReport.Stem s = r.stems().get(i);
            assertEquals(BalanceDecision.MODEL, s.balance().source(), s.file());
            assertEquals(s.targetLufs() - r.stems().get(4).targetLufs(), integrated(stemOut(stemsOut, prefixes[i])) - vox, 1.5,
                    prefixes[i] + " against the lead, as the model set it");
        }
        assertTrue(r.stems().get(3).gainDb() > r.stems().get(2).gainDb(),
                "the quiet pad got more gain than the hot keys: " + r.stems().get(3).gainDb() + " vs " + r.stems().get(2).gainDb());
    }

    @Test
    @DisplayName("the report says per stem what the model predicted, its largest reasons, and what the user changed")
    void reportExplains() throws IOException {
        List<StemSpec> stems = new ArrayList<>(song(0, 0));
        StemSpec pad = stems.get(3);
        stems.set(3, new StemSpec(pad.path(), null, Presence.BACKGROUND, null, null, null, false));
        MixReport r = mix(stems, dir.resolve("mix.wav"), null);
        for (MixReport.Stem s : r.stems()) {
            BalanceDecision b = s.balance();
            assertEquals(BalanceDecision.MODEL, b.source(), s.file());
            assertTrue(b.modelLu() != null && b.modelLu() <= 0, s.file() + ": levels are against the loudest stem: " + b.modelLu());
            assertTrue(!b.reasons().isEmpty() && b.reasons().size() <= 3, s.file() + ": one to three reasons");
            for (int k = 1; k < b.reasons().size(); k++) {
                assertTrue(Math.abs(b.reasons().get(k - 1).lu()) >= Math.abs(b.reasons().get(k).lu()), "largest first");
            }
        }
        assertEquals(List.of("presence background: -5 LU"), r.stems().get(3).balance().userChanges());
        assertEquals(r.stems().get(3).balance().modelLu() - 5 + MixPlanner.ANCHOR_LUFS, r.stems().get(3).targetLufs(), 0.02);
        assertTrue(r.stems().get(0).balance().userChanges().isEmpty());
    }

    @Test
    @DisplayName("without a balance model, stems recorded 20 dB too hot or too quiet come back within 1.5 LU of their role's target")
    void gainStagingRoleTable() throws IOException {
        Path stemsOut = dir.resolve("stems");
        MixReport r = mix(new MixEngine(null, null, null), song(20, -20), dir.resolve("mix.wav"), stemsOut);
        double vox = integrated(stemOut(stemsOut, "05_Vox"));
        double keys = integrated(stemOut(stemsOut, "03_Keys"));
        double pad = integrated(stemOut(stemsOut, "04_Pad"));
        double bass = integrated(stemOut(stemsOut, "02_Bass"));
        assertEquals(StemRole.KEYS.relativeLu - StemRole.VOCAL.relativeLu, keys - vox, 1.5, "keys against the lead");
        assertEquals(StemRole.PAD.relativeLu - StemRole.VOCAL.relativeLu, pad - vox, 1.5, "pad against the lead");
        assertEquals(StemRole.BASS.relativeLu - StemRole.VOCAL.relativeLu, bass - vox, 1.5, "bass against the lead");
        MixReport.Stem keysReport = r.stems().get(2);
        assertEquals("keys", keysReport.role());
        assertTrue(keysReport.gainDb() < -15, "the hot keys were turned down: " + keysReport.gainDb());
        assertTrue(r.stems().get(3).gainDb() - keysReport.gainDb() > 25,
                "the quiet pad got far more gain than the hot keys: " + r.stems().get(3).gainDb() + " vs " + keysReport.gainDb());
        assertTrue(r.stems().get(4).lead(), "the vocal leads");
    }

    @Test
    @DisplayName("the bass ends centred: left and right energy within 1 dB")
    void bassCentred() throws IOException {
        Path stemsOut = dir.resolve("stems");
        mix(song(0, 0), dir.resolve("mix.wav"), stemsOut);
        try (AudioSource s = AudioFiles.open(stemOut(stemsOut, "02_Bass"))) {
            float[][] b = new float[2][8192];
            double l = 0;
            double rr = 0;
            int n;
            while ((n = s.read(b, 0, 8192)) > 0) {
                for (int i = 0; i < n; i++) {
                    l += b[0][i] * b[0][i];
                    rr += b[1][i] * b[1][i];
                }
            }
            assertEquals(0.0, 10 * Math.log10(l / rr), 1.0);
        }
    }

    @Test
    @DisplayName("the lead vocal stands further above the accompaniment in 1-4 kHz than in the plain sum")
    void leadIsClearer() throws IOException {
        List<StemSpec> stems = song(0, 0);
        Path stemsOut = dir.resolve("stems");
        mix(stems, dir.resolve("mix.wav"), stemsOut);
        double rawVox = keyBandEnergy(List.of(stems.get(4).path()));
        double rawRest = keyBandEnergy(stems.subList(0, 4).stream().map(StemSpec::path).toList());
        List<Path> mixedRest = new ArrayList<>();
        for (String prefix : new String[] {"01_", "02_", "03_", "04_"}) {
            mixedRest.add(stemOut(stemsOut, prefix));
        }
        double mixedVox = keyBandEnergy(List.of(stemOut(stemsOut, "05_")));
        double mixedAccomp = keyBandEnergy(mixedRest);
        double before = 10 * Math.log10(rawVox / rawRest);
        double after = 10 * Math.log10(mixedVox / mixedAccomp);
        assertTrue(after > before + 1, String.format("vocal over accompaniment in 1-4 kHz: %.1f dB plain, %.1f dB mixed", before, after));
    }

    /** Energy of the sum of the files, in 1-4 kHz, summed over channels and time. */
    private static double keyBandEnergy(List<Path> files) throws IOException {
        int frames = RATE * SECONDS;
        float[][] sum = new float[2][frames];
        for (Path f : files) {
            try (AudioSource s = AudioFiles.open(f)) {
                int ch = s.info().channels();
                float[][] b = new float[ch][frames];
                int at = 0;
                int n;
                while (at < frames && (n = s.read(b, at, frames - at)) > 0) {
                    at += n;
                }
                for (int c = 0; c < 2; c++) {
                    for (int i = 0; i < frames; i++) {
                        sum[c][i] += b[Math.min(c, ch - 1)][i] * (ch == 1 ? (float) Math.sqrt(0.5) : 1f);
                    }
                }
            }
        }
        Biquad hp = new Biquad(BiquadShape.HIGH_PASS, 1000, Math.sqrt(0.5), 0);
        Biquad lp = new Biquad(BiquadShape.LOW_PASS, 4000, Math.sqrt(0.5), 0);
        hp.prepare(new ProcessSpec(RATE, frames, 2));
        lp.prepare(new ProcessSpec(RATE, frames, 2));
        hp.process(sum, 0, frames);
        lp.process(sum, 0, frames);
        double e = 0;
        for (float[] c : sum) {
            for (float v : c) {
                e += v * v;
            }
        }
        return e;
    }

    @Test
    @DisplayName("mixing twice gives identical bytes")
    void deterministic() throws IOException {
        List<StemSpec> stems = song(3, -3);
        Path a = dir.resolve("a.wav");
        Path b = dir.resolve("b.wav");
        mix(stems, a, null);
        mix(stems, b, null);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    }

    @Test
    @DisplayName("the mix leaves headroom: sample peak at or under -3 dBFS")
    void headroom() throws IOException {
        Path out = dir.resolve("mix.wav");
        mix(song(20, 0), out, null);
        assertTrue(LoudnessAnalyzer.analyze(out).samplePeakDbfs().getAsDouble() <= -3.0 + 1e-3);
    }

    @Test
    @DisplayName("stems of different rates and lengths are resampled to the highest rate and aligned at the start")
    void mixedRates() throws IOException {
        Path a = stem("Keys 44k.wav", 44_100, 2, 0, i -> 0.2 * Math.sin(2 * Math.PI * 440 * i / 44_100.0));
        Path b = dir.resolve("Bass 48k.wav");
        int frames = 48_000 * 6; // shorter
        float[][] x = new float[1][frames];
        for (int i = 0; i < frames; i++) {
            x[0][i] = (float) (0.3 * Math.sin(2 * Math.PI * 55 * i / 48_000.0));
        }
        try (AudioSink s = AudioFiles.create(b, new OutputFormat(OutputFormat.Container.WAV, 48_000, 1, BitDepth.PCM_16))) {
            s.write(x, 0, frames);
        }
        Path out = dir.resolve("mix.wav");
        MixReport r = mix(List.of(StemSpec.of(a), StemSpec.of(b)), out, null);
        assertEquals(48_000, r.mixRate());
        try (AudioSource s = AudioFiles.open(out)) {
            assertEquals(48_000, s.info().sampleRate());
            assertEquals(Math.round(SECONDS * 48_000.0), s.info().frames(), "as long as the longest stem");
        }
    }

    @Test
    @DisplayName("a corrupt stem fails the mix with its name in the message")
    void corruptStem() throws IOException {
        List<StemSpec> stems = new ArrayList<>(song(0, 0));
        Path bad = dir.resolve("Snare.wav");
        Files.writeString(bad, "RIFF\u0010\u0000\u0000\u0000WAVEfmt ");
        stems.add(StemSpec.of(bad));
        AudioFileException e = assertThrows(AudioFileException.class, () -> mix(stems, dir.resolve("mix.wav"), null));
        assertTrue(e.getMessage().contains("Snare.wav"), e.getMessage());
    }

    @Test
    @DisplayName("chained into the master engine, the mix is delivered on the master's target")
    void chainedMaster() throws IOException {
        Path out = dir.resolve("master.wav");
        MixReport r = new MixEngine().mix(new MixJob(song(0, 0), out, OutputFormat.Container.WAV, null, 0, null, dir.resolve("w"),
                null, false), MasterSettings.defaults(),
                List.of(new Deliverable(out, DeliveryFormat.WAV, 0, BitDepth.PCM_24, 320, DeliveryTarget.named("spotify"))));
        assertEquals(-14, integrated(out), 0.1);
        assertTrue(LoudnessAnalyzer.analyze(out).truePeakDbtp().getAsDouble() <= -1.0);
        assertTrue(r.master().deliverables().get(0).onTarget());
    }

    @Test
    @DisplayName("chained into the master engine with keepMix, the unmastered mix is written beside the master, with headroom, and the report measures it")
    void chainedMasterKeepsTheMix() throws IOException {
        Path master = dir.resolve("master.wav");
        Path mix = dir.resolve("mix.wav");
        MixReport r = new MixEngine().mix(new MixJob(song(0, 0), mix, OutputFormat.Container.WAV, BitDepth.PCM_24, 0, null, dir.resolve("w"),
                null, false, true), MasterSettings.defaults(),
                List.of(new Deliverable(master, DeliveryFormat.WAV, 0, BitDepth.PCM_24, 320, DeliveryTarget.named("spotify"))));
        assertEquals(-14, integrated(master), 0.1);
        LoudnessSummary kept = LoudnessAnalyzer.analyze(mix);
        assertEquals(kept.integratedLufs().getAsDouble(), r.mix().integratedLufs(), 0.01, "report.mix is the kept mix");
        assertTrue(r.mix().samplePeakDbfs() <= -3.0 + 0.01, "a kept mix leaves headroom: " + r.mix().samplePeakDbfs());
        assertTrue(Math.abs(kept.integratedLufs().getAsDouble() - integrated(master)) > 1.0,
                "the kept mix is the unmastered mix, not a copy of the master: " + kept.integratedLufs().getAsDouble());
        assertEquals(r.master().before().integratedLufs() + r.bus().headroomTrimDb(), r.mix().integratedLufs(), 0.1,
                "the kept mix is what the master engine was given, trimmed for headroom");
    }
}
