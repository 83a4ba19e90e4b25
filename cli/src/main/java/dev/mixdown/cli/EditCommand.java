package dev.mixdown.cli;

import dev.mixdown.dsp.analysis.music.BeatGrid;
import dev.mixdown.dsp.edit.CutdownPlanner;
import dev.mixdown.dsp.edit.EditAnalysis;
import dev.mixdown.dsp.edit.EditPlan;
import dev.mixdown.dsp.edit.EditRenderer;
import dev.mixdown.dsp.edit.EditReport;
import dev.mixdown.dsp.edit.LoopPlanner;
import dev.mixdown.dsp.edit.StingPlanner;
import dev.mixdown.dsp.io.AudioFileException;
import dev.mixdown.dsp.io.AudioFiles;
import dev.mixdown.dsp.io.AudioSink;
import dev.mixdown.dsp.io.AudioSource;
import dev.mixdown.dsp.io.AudioStreamInfo;
import dev.mixdown.dsp.io.OutputFormat;
import dev.mixdown.dsp.io.OutputFormat.BitDepth;
import dev.mixdown.dsp.io.OutputFormat.Container;
import dev.mixdown.dsp.io.ReadAheadSource;
import dev.mixdown.dsp.io.SampleEncoding;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "edit",
        description = {
            "Cut a track (or a folder of its stems, all cut at the same sample points) to an exact length, a loop or a sting.",
            "A cutdown keeps the opening and the real ending and removes whole bars from the middle, joined on downbeats"
                + " where the music matches best, with a short crossfade; silence fills up to the exact length.",
            "A loop is exactly N bars and wraps seamlessly; a sting is at most 5 s from the ending (or the strongest hit)."},
        mixinStandardHelpOptions = true)
final class EditCommand implements Callable<Integer> {
    private static final Set<String> AUDIO = Set.of("wav", "wave", "aif", "aiff", "aifc", "flac", "mp3");
    private static final int BLOCK = 65_536;

    /** Replaced by tests that know the grid; the music analysis otherwise. */
    static BeatGridSource grids = BeatGridSource.ANALYSIS;

    @Parameters(index = "0", paramLabel = "IN", description = "WAV, AIFF, FLAC or MP3, or a folder of stems of one song.")
    Path in;

    @ArgGroup(exclusive = true, multiplicity = "1")
    What what;

    static final class What {
        @Option(names = "--length", paramLabel = "60|30|15|SECONDS", description = "A cutdown of exactly this many seconds.")
        Double seconds;

        @Option(names = "--loop", paramLabel = "4|8|16", description = "A loop of exactly this many bars.")
        Integer bars;

        @Option(names = "--sting", description = "A sting of at most 5 s from the ending.")
        boolean sting;
    }

    @Option(names = "--out", paramLabel = "FILE|DIR", description = "Where to write (a folder for stems; default: next to IN, named after the edit).")
    Path out;

    @Option(names = "--report", paramLabel = "FILE.json", description = "Write the report as JSON.")
    Path report;

    @Option(names = "--json", description = "Print the report as JSON on stdout.")
    boolean json;

    @Spec
    CommandSpec spec;

    /** What the command reports: the input, the files written and the edit. */
    record Result(String input, List<String> outputs, EditReport edit) {
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        return EngineRun.run(spec, "edit", work -> {
            List<Path> files = inputs();
            List<float[][]> stems = new ArrayList<>();
            List<AudioStreamInfo> infos = new ArrayList<>();
            for (Path f : files) {
                try (AudioSource source = new ReadAheadSource(AudioFiles.open(f))) {
                    infos.add(source.info());
                    stems.add(readAll(source));
                }
            }
            int rate = infos.get(0).sampleRate();
            for (int i = 1; i < infos.size(); i++) {
                if (infos.get(i).sampleRate() != rate) {
                    throw new IllegalArgumentException(files.get(i) + " is at " + infos.get(i).sampleRate() + " Hz, "
                            + files.get(0).getFileName() + " at " + rate + " Hz: stems of one song share a rate");
                }
            }
            float[][] mix = stems.size() == 1 ? stems.get(0) : sum(stems);
            BeatGrid grid = grids.beatGrid(mix, rate);
            EditAnalysis analysis = EditAnalysis.of(mix, rate, grid);
            EditPlan plan = plan(analysis, rate);
            float[][] editedMix = EditRenderer.render(plan, mix);
            EditReport edit = EditReport.of(plan, analysis, mix, editedMix);
            List<String> written = new ArrayList<>();
            if (Files.isDirectory(in)) {
                Path dir = out != null ? out : sibling(in, "");
                for (int i = 0; i < files.size(); i++) {
                    String name = files.get(i).getFileName().toString();
                    Container c = Container.fromFileName(name);
                    Path target = dir.resolve(c == null || c == Container.MP3 ? baseName(name) + ".wav" : name);
                    write(target, EditRenderer.render(plan, stems.get(i)), infos.get(i), rate);
                    written.add(target.toString());
                }
            } else {
                Path target = out != null ? out : sibling(in, ".wav");
                write(target, editedMix, infos.get(0), rate);
                written.add(target.toString());
            }
            Result result = new Result(in.toString(), written, edit);
            if (report != null) {
                Path parent = report.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                ReportOptions.writeJson(report, result);
            }
            if (json) {
                stdout.println(new com.fasterxml.jackson.databind.ObjectMapper()
                        .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsString(result));
            } else {
                summary(stdout, result);
            }
            stdout.flush();
        });
    }

    private EditPlan plan(EditAnalysis analysis, int rate) {
        if (what.seconds != null) {
            if (!(what.seconds > 0) || what.seconds.isInfinite()) {
                throw new IllegalArgumentException("--length must be a positive number of seconds, not " + what.seconds);
            }
            return CutdownPlanner.plan(analysis, Math.round(what.seconds * rate));
        }
        if (what.bars != null) {
            if (what.bars < 1 || what.bars > 256) {
                throw new IllegalArgumentException("--loop takes a number of bars from 1 to 256 (4, 8 or 16 usually), not " + what.bars);
            }
            return LoopPlanner.plan(analysis, what.bars);
        }
        return StingPlanner.plan(analysis);
    }

    private String suffix() {
        if (what.seconds != null) {
            double s = what.seconds;
            return s == Math.rint(s) ? String.format(Locale.ROOT, "%ds", (long) s) : String.format(Locale.ROOT, "%.3fs", s);
        }
        return what.bars != null ? "loop" + what.bars : "sting";
    }

    private Path sibling(Path input, String extension) {
        Path abs = input.toAbsolutePath().normalize();
        Path parent = abs.getParent() != null ? abs.getParent() : abs;
        return parent.resolve(baseName(abs.getFileName().toString()) + "-" + suffix() + extension);
    }

    private static String baseName(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private List<Path> inputs() throws IOException {
        if (!Files.isDirectory(in)) {
            return List.of(in);
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(in)) {
            files = list.filter(Files::isRegularFile)
                    .filter(p -> AUDIO.contains(extension(p.getFileName().toString())))
                    .sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException(in + " holds no audio files (WAV, AIFF, FLAC or MP3)");
        }
        return files;
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    static float[][] readAll(AudioSource source) throws IOException {
        int channels = source.info().channels();
        long known = source.info().frames();
        int capacity = known > 0 && known < Integer.MAX_VALUE ? (int) known : 1 << 20;
        float[][] data = new float[channels][capacity];
        int frames = 0;
        while (true) {
            if (frames == capacity) {
                if (capacity == Integer.MAX_VALUE - 8) {
                    throw new AudioFileException(source.path(), "too long to edit in memory");
                }
                capacity = (int) Math.min(Integer.MAX_VALUE - 8L, 2L * capacity);
                for (int ch = 0; ch < channels; ch++) {
                    data[ch] = Arrays.copyOf(data[ch], capacity);
                }
            }
            int n = source.read(data, frames, Math.min(BLOCK, capacity - frames));
            if (n <= 0) {
                break;
            }
            frames += n;
        }
        if (frames == 0) {
            throw new AudioFileException(source.path(), "holds no audio frames");
        }
        for (int ch = 0; ch < channels; ch++) {
            if (data[ch].length != frames) {
                data[ch] = Arrays.copyOf(data[ch], frames);
            }
        }
        return data;
    }

    /** The plain sum of the stems as stereo (mono stems in both channels), as long as the longest. */
    static float[][] sum(List<float[][]> stems) {
        int frames = 0;
        int channels = 1;
        for (float[][] s : stems) {
            frames = Math.max(frames, s[0].length);
            channels = Math.max(channels, Math.min(2, s.length));
        }
        float[][] mix = new float[channels][frames];
        for (float[][] s : stems) {
            for (int ch = 0; ch < channels; ch++) {
                float[] src = s[Math.min(ch, s.length - 1)];
                for (int n = 0; n < src.length; n++) {
                    mix[ch][n] += src[n];
                }
            }
        }
        return mix;
    }

    private static void write(Path target, float[][] audio, AudioStreamInfo info, int rate) throws IOException {
        Container c = Container.fromFileName(target.getFileName().toString());
        if (c == null) {
            throw new IllegalArgumentException(target + ": cannot tell the format from the extension (.wav, .flac or .mp3)");
        }
        BitDepth depth;
        if (c == Container.MP3) {
            depth = BitDepth.PCM_16;
        } else if (info.encoding() == SampleEncoding.FLOAT && c == Container.WAV) {
            depth = BitDepth.FLOAT_32;
        } else {
            depth = info.bitsPerSample() <= 16 ? BitDepth.PCM_16 : BitDepth.PCM_24;
        }
        try (AudioSink sink = AudioFiles.create(target, new OutputFormat(c, rate, audio.length, depth))) {
            for (int off = 0; off < audio[0].length; off += BLOCK) {
                sink.write(audio, off, Math.min(BLOCK, audio[0].length - off));
            }
        }
    }

    private static void summary(PrintWriter out, Result r) {
        EditReport e = r.edit();
        out.printf(Locale.ROOT, "Edited %s (%.2f s): %s of %.3f s (%d frames at %d Hz)%s%n", r.input(),
                (double) e.sourceFrames() / e.sampleRate(), e.kind().name().toLowerCase(Locale.ROOT), e.outputSeconds(),
                e.outputFrames(), e.sampleRate(), e.barGrid() ? String.format(Locale.ROOT, ", grid %.1f BPM", e.bpm()) : ", no bar grid");
        for (EditReport.Segment s : e.segments()) {
            out.printf(Locale.ROOT, "  source %d..%d%s -> edit %d..%d%n", s.sourceStartFrame(), s.sourceEndFrame(),
                    s.sourceStartBar() == null ? "" : String.format(Locale.ROOT, " (bar %.2f..%.2f)", s.sourceStartBar(), s.sourceEndBar()),
                    s.outputStartFrame(), s.outputEndFrame());
        }
        for (EditReport.Join j : e.joins()) {
            out.printf(Locale.ROOT, "  %s at %d: %d -> %d, crossfade %.1f ms, match %.3f%n", j.wrap() ? "wrap" : "join",
                    j.outputFrame(), j.fromSourceFrame(), j.toSourceFrame(), j.crossfadeMs(), j.matchScore());
        }
        out.printf(Locale.ROOT, "  loudness: edit %s LUFS, full track %s LUFS%s%n", e.editLufs(), e.fullTrackLufs(),
                e.loudnessWithin1Lu() ? " (within 1 LU)" : "");
        for (String n : e.notes()) {
            out.println("  note: " + n);
        }
        for (String o : r.outputs()) {
            out.println("  wrote " + o);
        }
    }
}
