package dev.mixdown.cli;

import java.io.PrintWriter;
import java.util.List;

/** Prints analysis results as an aligned table, one row per file. */
final class LoudnessTable {
    private static final String[] HEADERS = {
        "FILE", "RATE", "CH", "DURATION", "INTEGRATED", "RANGE", "TRUE PEAK", "SAMPLE PEAK", "MOMENTARY MAX", "SHORT-TERM MAX"};

    private LoudnessTable() {
    }

    static void print(PrintWriter out, List<AnalysisJson> rows) {
        String[][] cells = new String[rows.size() + 1][];
        cells[0] = HEADERS;
        for (int r = 0; r < rows.size(); r++) {
            AnalysisJson a = rows.get(r);
            cells[r + 1] = new String[] {
                a.file(),
                a.sampleRate() + " Hz",
                String.valueOf(a.channels()),
                String.format("%.2f s", a.durationSeconds()),
                unit(a.integratedLufs(), "LUFS"),
                unit(a.loudnessRangeLu(), "LU"),
                unit(a.truePeakDbtp(), "dBTP"),
                unit(a.samplePeakDbfs(), "dBFS"),
                unit(a.momentaryMaxLufs(), "LUFS"),
                unit(a.shortTermMaxLufs(), "LUFS")};
        }
        int[] width = new int[HEADERS.length];
        for (String[] row : cells) {
            for (int c = 0; c < row.length; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        for (String[] row : cells) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                String cell = row[c];
                String pad = " ".repeat(width[c] - cell.length());
                line.append(c == 0 ? cell + pad : pad + cell);
                if (c < row.length - 1) {
                    line.append("  ");
                }
            }
            out.println(line.toString().stripTrailing());
        }
        out.flush();
    }

    private static String unit(Double v, String unit) {
        return v == null ? "-" : String.format("%.2f %s", v, unit);
    }
}
