package dev.mixdown.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.mixdown.dsp.analysis.LoudnessAnalyzer;
import dev.mixdown.dsp.analysis.music.MusicAnalysis;
import dev.mixdown.dsp.analysis.music.MusicAnalyzer;
import dev.mixdown.dsp.io.AudioFileException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "analyze",
        description = {
            "Measure loudness (ITU-R BS.1770-4, EBU R128) and true peak of audio files.",
            "Prints a table, or with --json one object per file (an array for several files).",
            "A file that cannot be read is reported on stderr and gives exit code 2; the others are still measured.",
            "With --music also tempo, beats, downbeats and meter, key and sections."},
        mixinStandardHelpOptions = true)
final class AnalyzeCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "WAV, AIFF or FLAC files.")
    List<Path> files;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Option(names = "--music", description = "Also analyse the music: tempo (BPM), beats, downbeats, meter, key, sections.")
    boolean music;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<AnalysisJson> results = new ArrayList<>();
        List<MusicAnalysis> musicResults = new ArrayList<>();
        boolean failed = false;
        int tasks = files.size() * (music ? 2 : 1);
        int threads = Math.max(1, Math.min(tasks, Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "analyze");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<AnalysisJson>> pending = new ArrayList<>();
            List<Future<MusicAnalysis>> pendingMusic = new ArrayList<>();
            for (Path file : files) {
                pending.add(pool.submit(() -> AnalysisJson.of(file.toString(), LoudnessAnalyzer.analyze(file))));
                if (music) {
                    pendingMusic.add(pool.submit(() -> MusicAnalyzer.analyze(file)));
                }
            }
            for (int i = 0; i < pending.size(); i++) {
                try {
                    AnalysisJson loudness = pending.get(i).get();
                    MusicAnalysis found = music ? pendingMusic.get(i).get() : null;
                    results.add(loudness);
                    musicResults.add(found);
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof AudioFileException) {
                        err.println("mixdown analyze: " + cause.getMessage());
                    } else if (cause instanceof IOException) {
                        err.println("mixdown analyze: " + cause);
                    } else {
                        throw e;
                    }
                    failed = true;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        if (json) {
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            List<Object> shaped = new ArrayList<>();
            for (int i = 0; i < results.size(); i++) {
                shaped.add(music ? MusicJson.of(results.get(i), musicResults.get(i)) : results.get(i));
            }
            Object payload = files.size() == 1 ? (shaped.isEmpty() ? null : shaped.get(0)) : shaped;
            if (payload != null) {
                out.println(mapper.writeValueAsString(payload));
            }
        } else if (!results.isEmpty()) {
            LoudnessTable.print(out, results);
            if (music) {
                out.println();
                for (int i = 0; i < results.size(); i++) {
                    MusicJson.printSummary(out, results.get(i).file(), musicResults.get(i));
                }
            }
        }
        out.flush();
        err.flush();
        return failed ? MixdownCli.EXIT_BAD_INPUT : 0;
    }
}
