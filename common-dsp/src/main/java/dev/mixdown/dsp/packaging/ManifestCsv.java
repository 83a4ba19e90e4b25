package dev.mixdown.dsp.packaging;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The package's metadata sheet as CSV (RFC 4180): one row per file, the track's metadata on every row. */
public final class ManifestCsv {
    static final String HEADER = "file,kind,version,length,format,stem,sample_rate,bits,duration_s,integrated_lufs,true_peak_dbtp,"
            + "on_target,bpm,key,sha256,title,artists,composers,ipi,publisher,isrc,iswc,genre,moods";

    private ManifestCsv() {
    }

    public static void write(Path file, List<PackageFile> files, TrackMetadata m) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(HEADER + "\r\n");
            for (PackageFile f : files) {
                Object[] cells = {f.path(), f.kind(), f.version(), f.length(), f.format(), f.stem(), f.sampleRate(), f.bits(),
                    f.durationSeconds(), f.integratedLufs(), f.truePeakDbtp(), f.onTarget(), f.bpm(), f.key(), f.sha256(), m.title(),
                    m.artistLine(), m.composerLine(), m.ipiLine(), m.publisher(), m.isrc(), m.iswc(), m.genre(), String.join("; ", m.moods())};
                StringBuilder row = new StringBuilder();
                for (int i = 0; i < cells.length; i++) {
                    if (i > 0) {
                        row.append(',');
                    }
                    row.append(cell(cells[i]));
                }
                w.write(row + "\r\n");
            }
        }
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
