package dev.mixdown.cli;

import dev.mixdown.dsp.io.AudioFileException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;

/**
 * How the offline engine commands ({@code mix}, {@code master}) run: in a private work folder
 * that is removed afterwards, with bad input (a file that cannot be read, an option that makes
 * no sense) reported as {@code mixdown NAME: message} and exit code 2.
 */
final class EngineRun {
    /** The command's work, given its work folder. */
    @FunctionalInterface
    interface Body {
        void run(Path work) throws IOException;
    }

    private EngineRun() {
    }

    static int run(CommandSpec spec, String name, Body body) throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        Path work = Files.createTempDirectory("mixdown-" + name + "-");
        try {
            body.run(work);
            return 0;
        } catch (AudioFileException | IllegalArgumentException e) {
            err.println("mixdown " + name + ": " + e.getMessage());
            err.flush();
            return MixdownCli.EXIT_BAD_INPUT;
        } finally {
            ReportOptions.deleteTree(work);
        }
    }
}
