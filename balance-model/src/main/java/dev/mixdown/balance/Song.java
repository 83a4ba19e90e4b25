package dev.mixdown.balance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mixdown.dsp.mix.RoleInference;
import dev.mixdown.dsp.mix.StemRole;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One rendered song of the data set ({@code ../shared/datasets/build.sh}): its stems at the
 * author's balance, the reference mix, and each stem's true role (from its General MIDI program).
 */
record Song(String name, Path dir, List<Stem> stems, Path referenceMix) {

    /** A stem file and its role. */
    record Stem(Path path, StemRole role) {
    }

    /** General MIDI families, eight programs each, as mix roles (names win where they are more precise). */
    private static final StemRole[] GM_FAMILY = {
        StemRole.PIANO, StemRole.PERCUSSION, StemRole.KEYS, StemRole.GUITAR, StemRole.BASS, StemRole.STRINGS,
        StemRole.STRINGS, StemRole.BRASS, StemRole.WOODWIND, StemRole.WOODWIND, StemRole.SYNTH, StemRole.PAD,
        StemRole.FX, StemRole.OTHER, StemRole.PERCUSSION, StemRole.FX};

    /** Every song folder under {@code songsDir} holding a metadata.json, by name. */
    static List<Song> all(Path songsDir) throws IOException {
        List<Song> songs = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(songsDir)) {
            for (Path d : dirs.sorted().toList()) {
                if (Files.isRegularFile(d.resolve("metadata.json")) && Files.isRegularFile(d.resolve("reference_mix.wav"))) {
                    songs.add(read(d));
                }
            }
        }
        return songs;
    }

    static Song read(Path dir) throws IOException {
        JsonNode meta = new ObjectMapper().readTree(dir.resolve("metadata.json").toFile());
        List<Stem> stems = new ArrayList<>();
        for (JsonNode s : meta.path("stems")) {
            Path file = dir.resolve(s.path("file").asText());
            if (!Files.isRegularFile(file)) {
                throw new IOException(dir + ": metadata names " + file + ", which is missing");
            }
            stems.add(new Stem(file, role(file, s)));
        }
        if (stems.isEmpty()) {
            throw new IOException(dir + ": metadata.json lists no stems");
        }
        return new Song(dir.getFileName().toString(), dir, stems, dir.resolve("reference_mix.wav"));
    }

    /** The role of a data-set stem: drums on MIDI channel 10, else its name, else its GM family. */
    static StemRole role(Path file, JsonNode stem) {
        for (JsonNode ch : stem.path("channels")) {
            if (ch.asInt() == 10) {
                return StemRole.DRUMS;
            }
        }
        var byName = RoleInference.fromName(file.getFileName().toString());
        if (byName.isPresent()) {
            return byName.get().role();
        }
        JsonNode programs = stem.path("programs");
        int program = programs.size() > 0 ? programs.get(0).asInt() : 0;
        return GM_FAMILY[Math.max(0, Math.min(127, program)) / 8];
    }
}
