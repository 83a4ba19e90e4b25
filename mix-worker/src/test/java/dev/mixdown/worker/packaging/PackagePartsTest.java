package dev.mixdown.worker.packaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mixdown.dsp.generate.DemoSong;
import dev.mixdown.dsp.io.AudioFiles;
import dev.mixdown.dsp.io.AudioSink;
import dev.mixdown.dsp.io.OutputFormat;
import dev.mixdown.dsp.mix.StemSpec;
import dev.mixdown.dsp.packaging.PackagePlan;
import dev.mixdown.dsp.packaging.PackagePlanner;
import dev.mixdown.dsp.packaging.PackagePresets;
import dev.mixdown.dsp.packaging.PackageSpec;
import dev.mixdown.dsp.packaging.SpecMaps;
import dev.mixdown.dsp.packaging.TrackMetadata;
import dev.mixdown.dsp.packaging.VersionSpec;
import dev.mixdown.jobs.contracts.Json;
import dev.mixdown.jobs.contracts.PackageRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Package parts between gateway and workers")
class PackagePartsTest {

    @Test
    @DisplayName("the gateway splits a preset into the engine's versions, and asks for a tag exactly where the engine makes previews")
    void presetShapesAgree() {
        assertEquals(new TreeSet<>(PackagePresets.all().keySet()), new TreeSet<>(PackageRules.PRESETS.keySet()));
        PackagePresets.all().forEach((name, spec) -> {
            PackageRules.PresetShape shape = PackageRules.PRESETS.get(name);
            assertEquals(spec.versions().stream().map(VersionSpec::name).toList(), shape.versions(), name);
            assertEquals(spec.preview() != null, shape.previews(), name);
            assertEquals(shape.versions(), PackageRules.versions(Map.of("preset", name)), name);
        });
    }

    @Test
    @DisplayName("an inline spec is split into the versions the engine reads from it, names or objects alike")
    void inlineVersionsAgree() {
        Map<String, Object> spec = Map.of("versions", List.of("main", Map.of("name", "no-bass", "mute", List.of("bass")), "tv"));
        assertEquals(SpecMaps.spec(spec).versions().stream().map(VersionSpec::name).toList(), PackageRules.versions(spec));
    }

    @Test
    @DisplayName("a package plan crosses between workers as JSON unchanged: written again, it gives the same bytes")
    void planSurvivesJson(@TempDir Path dir) throws Exception {
        DemoSong song = new DemoSong(44_100, 8);
        List<StemSpec> stems = new ArrayList<>();
        for (int s = 0; s < DemoSong.STEMS.size(); s++) {
            int frames = (int) song.frames();
            float[][] audio = new float[2][frames];
            song.renderStem(s, 0, audio, frames);
            Path file = dir.resolve(DemoSong.STEMS.get(s) + ".wav");
            try (AudioSink sink = AudioFiles.create(file, new OutputFormat(OutputFormat.Container.WAV, 44_100, 2,
                    OutputFormat.BitDepth.PCM_24))) {
                sink.write(audio, 0, frames);
            }
            stems.add(StemSpec.of(file));
        }
        PackageSpec spec = SpecMaps.spec(Map.of("versions", List.of("main", "instrumental"), "lengths", List.of("full")));
        PackagePlan plan = PackagePlanner.plan(stems, null, spec, TrackMetadata.titled("Plan Trip"), Files.createDirectories(dir.resolve("work")));
        byte[] once = Json.write(plan);
        PackagePlan back = Json.read(once, PackagePlan.class);
        assertArrayEquals(once, Json.write(back));
        assertEquals(plan.masterGainDb(), back.masterGainDb());
        assertEquals(plan.stems(), back.stems());
        assertArrayEquals(plan.downbeatFrames(), back.downbeatFrames());
    }
}
