package dev.mixdown.cli;

import dev.mixdown.dsp.EngineVersion;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code mixdown} command. Exit codes (listed in its help and docs/cli.md): 0 success, 1 failure or internal error, 2 bad input or usage. */
@Command(
        name = "mixdown",
        mixinStandardHelpOptions = true,
        versionProvider = MixdownCli.Version.class,
        description = "Mixdown: mixing and mastering, exactly measured.",
        exitCodeListHeading = "%nExit codes (docs/cli.md):%n",
        exitCodeList = {
            "0:Success (submit --wait: every job succeeded).",
            "1:A job failed, the gateway could not be reached, or an internal error.",
            "2:Bad input or usage: a file that cannot be read, an impossible option, a request the gateway refused."},
        subcommands = {AnalyzeCommand.class, MixCommand.class, MasterCommand.class, EditCommand.class, PackageCommand.class, DemoCommand.class,
            ClusterCommands.Up.class, ClusterCommands.Down.class, ClusterCommands.Ps.class, SubmitCommand.class, TenantCommands.class,
            CommandLine.HelpCommand.class})
public final class MixdownCli {
    /** Bad input (a file that cannot be read, an impossible option). */
    public static final int EXIT_BAD_INPUT = 2;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line on the standard streams and returns the exit code. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs the command line writing to {@code out} and {@code err}, and returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return new CommandLine(new MixdownCli())
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("mixdown: internal error: " + e);
                    return 1;
                })
                .execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"mixdown " + EngineVersion.get()};
        }
    }
}
