package dev.mixdown.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mixdown.dsp.analysis.music.BeatGrid;
import dev.mixdown.dsp.analysis.music.MusicAnalysis;
import dev.mixdown.dsp.analysis.music.Section;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON of {@code mixdown analyze --music --json}: the ten loudness keys of {@link AnalysisJson},
 * then {@code bpm}, {@code bpmConfidence}, {@code meter}, {@code key}, {@code keyConfidence},
 * {@code beats}, {@code downbeats} (seconds) and {@code sections} (start, end, label, loudness).
 * Without a steady beat {@code bpm} and {@code meter} are null and the lists empty; without a key,
 * {@code key} is null.
 */
final class MusicJson {
    private MusicJson() {
    }

    static Map<String, Object> of(AnalysisJson loudness, MusicAnalysis music) {
        @SuppressWarnings("unchecked")
        Map<String, Object> out = new ObjectMapper().convertValue(loudness, LinkedHashMap.class);
        BeatGrid grid = music.grid();
        boolean beat = grid.bpm() > 0;
        out.put("bpm", beat ? round(grid.bpm(), 2) : null);
        out.put("bpmConfidence", round(grid.bpmConfidence(), 3));
        out.put("meter", music.meter());
        out.put("key", music.key());
        out.put("keyConfidence", round(music.keyConfidence(), 3));
        out.put("beats", times(grid.beatSeconds()));
        out.put("downbeats", times(grid.downbeatSeconds()));
        List<Map<String, Object>> sections = new ArrayList<>();
        for (Section s : music.sections()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("start", round(s.startSeconds(), 3));
            m.put("end", round(s.endSeconds(), 3));
            m.put("label", s.label());
            m.put("loudness", Double.isNaN(s.loudnessLufs()) ? null : round(s.loudnessLufs(), 1));
            sections.add(m);
        }
        out.put("sections", sections);
        return out;
    }

    /** One line per file after the loudness table. */
    static void printSummary(PrintWriter out, String file, MusicAnalysis music) {
        BeatGrid grid = music.grid();
        String tempo = grid.bpm() > 0
                ? String.format("%.1f BPM (confidence %.2f), %s, %d bars", grid.bpm(), grid.bpmConfidence(), music.meter(),
                        grid.downbeatSeconds().length)
                : "no steady beat";
        String key = music.key() == null ? "no key" : String.format("%s (confidence %.2f)", music.key(), music.keyConfidence());
        StringBuilder sections = new StringBuilder();
        for (Section s : music.sections()) {
            if (!sections.isEmpty()) {
                sections.append(' ');
            }
            sections.append(String.format("%s@%.1f", s.label(), s.startSeconds()));
        }
        out.printf("%s: %s; %s; sections: %s%n", file, tempo, key, sections.isEmpty() ? "none" : sections);
    }

    private static double[] times(double[] seconds) {
        double[] out = new double[seconds.length];
        for (int i = 0; i < seconds.length; i++) {
            out[i] = round(seconds[i], 3);
        }
        return out;
    }

    private static double round(double v, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(v * scale) / scale;
    }
}
