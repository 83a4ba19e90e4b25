package dev.mixdown.balance;

import dev.mixdown.dsp.mix.StemFeatures;
import dev.mixdown.dsp.mix.StemRole;
import dev.mixdown.dsp.mix.TonalProfile;
import dev.mixdown.dsp.mix.balance.BalanceFeatures;
import dev.mixdown.dsp.mix.balance.StemMeasures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Keeps each song's measures in a text file ({@code CACHE/NAME.measures}), so retraining and
 * cross-validation do not analyse the audio again. A file written under another feature version
 * or for other stems is measured anew.
 */
final class MeasureCache {
    private final Path dir;

    MeasureCache(Path dir) {
        this.dir = dir;
    }

    SongMeasures get(Song song) throws IOException {
        Path file = dir.resolve(song.name() + ".measures");
        String key = key(song);
        if (Files.isRegularFile(file)) {
            List<String> lines = Files.readAllLines(file);
            if (!lines.isEmpty() && lines.get(0).equals(key)) {
                return read(song, lines);
            }
        }
        SongMeasures m = SongMeasurer.measure(song);
        Files.createDirectories(dir);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, write(key, m));
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return m;
    }

    private static String key(Song song) {
        return "v" + BalanceFeatures.VERSION + " " + song.stems().stream().map(s -> s.path().getFileName() + ":" + s.role().id())
                .collect(Collectors.joining(" "));
    }

    private static List<String> write(String key, SongMeasures m) {
        List<String> lines = new ArrayList<>();
        lines.add(key);
        lines.add("mix\t" + m.mixActiveLufs());
        for (SongMeasures.View v : m.views()) {
            for (int i = 0; i < v.stems().size(); i++) {
                StemMeasures s = v.stems().get(i);
                StemFeatures f = s.features();
                TonalProfile.Summary t = s.tonal();
                lines.add(String.join("\t", v.id(), Integer.toString(i), Double.toString(s.activeLufs()),
                        Double.toString(s.activeFraction()),
                        join(f.lowShare(), f.centroidHz(), f.crestDb(), f.onsetsPerSecond()),
                        join(t.registerNote(), t.registerSpreadSemitones(), t.motionSemitones(), t.tonality(), t.partials()),
                        join(s.spectrumDb()), join(s.momentaryLufs())));
            }
        }
        return lines;
    }

    private static SongMeasures read(Song song, List<String> lines) {
        double mix = Double.parseDouble(lines.get(1).split("\t")[1]);
        Map<String, List<StemMeasures>> views = new LinkedHashMap<>();
        for (String line : lines.subList(2, lines.size())) {
            String[] c = line.split("\t", -1);
            double[] f = doubles(c[4]);
            double[] t = doubles(c[5]);
            views.computeIfAbsent(c[0], k -> new ArrayList<>()).add(new StemMeasures(Double.parseDouble(c[2]),
                    Double.parseDouble(c[3]), doubles(c[7]), doubles(c[6]), new StemFeatures(f[0], f[1], f[2], f[3]),
                    new TonalProfile.Summary(t[0], t[1], t[2], t[3], t[4])));
        }
        List<SongMeasures.View> out = new ArrayList<>();
        views.forEach((id, stems) -> out.add(new SongMeasures.View(id, stems)));
        List<String> names = song.stems().stream().map(s -> s.path().getFileName().toString()).toList();
        List<StemRole> roles = song.stems().stream().map(Song.Stem::role).toList();
        return new SongMeasures(song.name(), names, roles, mix, out);
    }

    private static String join(double... v) {
        return Arrays.stream(v).mapToObj(x -> Double.isNaN(x) ? "NaN" : String.format(Locale.ROOT, "%.6g", x))
                .collect(Collectors.joining(","));
    }

    private static double[] doubles(String s) {
        return s.isEmpty() ? new double[0] : Arrays.stream(s.split(",")).mapToDouble(Double::parseDouble).toArray();
    }
}
