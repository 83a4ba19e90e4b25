package dev.mixdown.cli;

import dev.mixdown.dsp.analysis.LoudnessAnalyzer;
import dev.mixdown.dsp.generate.DemoSong;
import dev.mixdown.dsp.io.AudioFiles;
import dev.mixdown.dsp.io.AudioSink;
import dev.mixdown.dsp.io.OutputFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "demo",
        description = {
            "Render Mixdown's generated multitrack song (drums, bass, chords, lead) and measure it.",
            "This build has the audio core: files are the plain sum of the stems, written as WAV and FLAC,",
            "then measured like 'mixdown analyze'. Mixing, mastering and the local cluster come next."},
        mixinStandardHelpOptions = true)
final class DemoCommand implements Callable<Integer> {
    private static final int BLOCK = 4096;

    @Option(names = "--out", defaultValue = "mixdown-out/demo", description = "Folder for the files (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--seconds", defaultValue = "20", description = "Length of the song in seconds (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--rate", defaultValue = "48000", description = "Sample rate in Hz (default: ${DEFAULT-VALUE}).")
    int rate;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        if (seconds <= 0 || seconds > 3600) {
            spec.commandLine().getErr().println("mixdown demo: --seconds must be between 0 and 3600, got " + seconds);
            return MixdownCli.EXIT_BAD_INPUT;
        }
        DemoSong song = new DemoSong(rate, seconds);
        stdout.printf("Rendering a %.0f-second generated song (%s) at %d Hz into %s%n",
                seconds, String.join(", ", DemoSong.STEMS), rate, out);
        Path wav = out.resolve("demo-song.wav");
        Path flac = out.resolve("demo-song.flac");
        try (AudioSink w = AudioFiles.create(wav, new OutputFormat(OutputFormat.Container.WAV, rate, 2, OutputFormat.BitDepth.PCM_24));
                AudioSink f = AudioFiles.create(flac, new OutputFormat(OutputFormat.Container.FLAC, rate, 2, OutputFormat.BitDepth.PCM_16))) {
            float[][] block = new float[2][BLOCK];
            float[][] scratch = new float[2][BLOCK];
            for (long at = 0; at < song.frames(); at += BLOCK) {
                int n = (int) Math.min(BLOCK, song.frames() - at);
                song.renderMix(at, block, n, scratch);
                w.write(block, 0, n);
                f.write(block, 0, n);
            }
        }
        List<AnalysisJson> rows = new ArrayList<>();
        for (Path p : List.of(wav, flac)) {
            rows.add(AnalysisJson.of(p.toString(), LoudnessAnalyzer.analyze(p)));
        }
        stdout.println();
        LoudnessTable.print(stdout, rows);
        stdout.println();
        stdout.println("Measure any file the same way: ./mixdown analyze FILE... [--json]");
        stdout.flush();
        return 0;
    }
}
