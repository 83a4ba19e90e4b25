package dev.mixdown.dsp.packaging;

import dev.mixdown.dsp.edit.CutdownPlanner;
import dev.mixdown.dsp.edit.EditAnalysis;
import dev.mixdown.dsp.edit.EditPlan;
import dev.mixdown.dsp.edit.LoopPlanner;
import dev.mixdown.dsp.edit.StingPlanner;
import java.util.Locale;

/**
 * One length of a package: {@code full}, a cutdown of N seconds ({@code 60}, {@code 30s}), a
 * {@code sting}, or a loop of N bars ({@code loop8}).
 *
 * @param id       the length as written in specs and file names ({@code full}, {@code 60s}, {@code sting}, {@code loop8})
 * @param seconds  cutdown length, or 0
 * @param bars     loop length in bars, or 0
 */
public record LengthSpec(String id, double seconds, int bars) {
    public static final LengthSpec FULL = new LengthSpec("full", 0, 0);

    public static LengthSpec parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.equals("full")) {
            return FULL;
        }
        if (s.equals("sting")) {
            return new LengthSpec("sting", 0, 0);
        }
        try {
            if (s.startsWith("loop")) {
                int bars = Integer.parseInt(s.substring(4));
                if (bars < 1 || bars > 256) {
                    throw new IllegalArgumentException("length '" + text + "': a loop has 1 to 256 bars");
                }
                return new LengthSpec("loop" + bars, 0, bars);
            }
            double seconds = Double.parseDouble(s.endsWith("s") ? s.substring(0, s.length() - 1) : s);
            if (!(seconds > 0 && seconds < 3600)) {
                throw new IllegalArgumentException("length '" + text + "': a cutdown lasts more than 0 and less than 3600 s");
            }
            String id = seconds == Math.rint(seconds) ? (long) seconds + "s" : String.format(Locale.ROOT, "%.3fs", seconds);
            return new LengthSpec(id, seconds, 0);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("unknown length '" + text + "' (full, sting, loop4/loop8/loop16 or seconds: 60, 30, 15)");
        }
    }

    public boolean isFull() {
        return id.equals("full");
    }

    /**
     * The edit that makes this length from the main's analysis, or null for {@code full}.
     *
     * @throws IllegalArgumentException when a cutdown is not shorter than the track's music
     */
    public EditPlan plan(EditAnalysis main) {
        if (isFull()) {
            return null;
        }
        if (bars > 0) {
            return LoopPlanner.plan(main, bars);
        }
        if (id.equals("sting")) {
            return StingPlanner.plan(main);
        }
        long frames = Math.round(seconds * main.sampleRate());
        if (frames >= main.musicEndFrame()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "length %s is not shorter than the track (%.1f s of music)",
                    id, main.musicEndFrame() / (double) main.sampleRate()));
        }
        return CutdownPlanner.plan(main, frames);
    }
}
