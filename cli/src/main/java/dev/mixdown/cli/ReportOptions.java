package dev.mixdown.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/** The options every engine command shares: where its report and plots go, and how it talks while it works. */
final class ReportOptions {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Option(names = "--report", paramLabel = "FILE.json", description = "Write the report as JSON.")
    Path report;

    @Option(names = "--plots", paramLabel = "DIR", description = "Write PNG plots.")
    Path plots;

    @Option(names = "--json", description = "Print the report as JSON on stdout.")
    boolean json;

    @Option(names = {"-v", "--verbose"}, description = "Print each stage with its elapsed time on stderr.")
    boolean verbose;

    @Option(names = {"-q", "--quiet"}, description = "Show no progress bar (it shows only when stderr is a terminal).")
    boolean quiet;

    /** The progress shown while {@code task} runs: a bar on a terminal, the stages with --verbose, or nothing; close it after. */
    CliProgress progress(String task, PrintWriter err) {
        return CliProgress.of(task, err, verbose, quiet);
    }

    /** Writes the report file if asked, and prints it (JSON) or its summary. */
    void publish(Object payload, PrintWriter stdout, Runnable summary) throws IOException {
        if (report != null) {
            Path parent = report.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            JSON.writeValue(report.toFile(), payload);
        }
        if (json) {
            stdout.println(JSON.writeValueAsString(payload));
        } else {
            summary.run();
        }
        stdout.flush();
    }

    static void writeJson(Path file, Object payload) throws IOException {
        JSON.writeValue(file.toFile(), payload);
    }

    /** Deletes a temporary folder; a leftover is not worth failing a job over. */
    static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
    }
}
