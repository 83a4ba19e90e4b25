package dev.mixdown.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.mixdown.dsp.analysis.LoudnessAnalyzer;
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
            "A file that cannot be read is reported on stderr and gives exit code 2; the others are still measured."},
        mixinStandardHelpOptions = true)
final class AnalyzeCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "WAV, AIFF or FLAC files.")
    List<Path> files;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<AnalysisJson> results = new ArrayList<>();
        boolean failed = false;
        int threads = Math.max(1, Math.min(files.size(), Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "analyze");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<AnalysisJson>> pending = new ArrayList<>();
            for (Path file : files) {
                pending.add(pool.submit(() -> AnalysisJson.of(file.toString(), LoudnessAnalyzer.analyze(file))));
            }
            for (Future<AnalysisJson> f : pending) {
                try {
                    results.add(f.get());
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
            Object payload = files.size() == 1 ? (results.isEmpty() ? null : results.get(0)) : results;
            if (payload != null) {
                out.println(mapper.writeValueAsString(payload));
            }
        } else if (!results.isEmpty()) {
            LoudnessTable.print(out, results);
        }
        out.flush();
        err.flush();
        return failed ? MixdownCli.EXIT_BAD_INPUT : 0;
    }
}
