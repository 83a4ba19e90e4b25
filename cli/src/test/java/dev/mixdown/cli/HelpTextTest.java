package dev.mixdown.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;

/** The help every command prints: summaries and option texts are whole sentences, rendered uncut. */
class HelpTextTest {

    /** Every command under {@code mixdown}, the root included. */
    static Stream<CommandLine> commands() {
        List<CommandLine> all = new ArrayList<>();
        collect(new CommandLine(new MixdownCli()), all);
        return all.stream();
    }

    private static void collect(CommandLine cmd, List<CommandLine> into) {
        into.add(cmd);
        cmd.getSubcommands().values().stream().distinct().forEach(sub -> collect(sub, into));
    }

    /** What picocli lists beside a command's name in its parent's help: the header's first line, else the description's. */
    private static String summary(CommandLine cmd) {
        var usage = cmd.getCommandSpec().usageMessage();
        String[] lines = usage.header().length > 0 ? usage.header() : usage.description();
        return lines.length == 0 ? "" : lines[0];
    }

    private static String flat(String text) {
        return text.replace("%n", " ").replaceAll("\\s+", " ").trim();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    @DisplayName("a command's summary is one whole sentence, and its parent's command list shows all of it")
    void summaryIsAWholeSentence(CommandLine cmd) {
        String name = cmd.getCommandSpec().qualifiedName();
        String summary = summary(cmd);
        assertTrue(summary.endsWith("."), name + ": the summary does not end a sentence: \"" + summary + "\"");
        CommandLine parent = cmd.getParent();
        if (parent != null) {
            String listed = flat(parent.getUsageMessage(CommandLine.Help.Ansi.OFF));
            assertTrue(listed.contains(flat(summary)), name + ": the parent's help cuts the summary \"" + summary + "\":\n" + listed);
        }
    }

    @Test
    @DisplayName("mixdown --help lists the exit codes")
    void helpListsExitCodes() {
        CliRun run = CliRun.of("--help");
        assertEquals(0, run.exit());
        for (String code : new String[] {"0", "1", "2"}) {
            assertTrue(run.out().lines().anyMatch(l -> l.trim().startsWith(code + " ")), "exit code " + code + " is not listed:\n" + run.out());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    @DisplayName("a command's help shows each line of its description and each option's text in full, each ending a sentence")
    void helpShowsEveryTextInFull(CommandLine cmd) {
        String name = cmd.getCommandSpec().qualifiedName();
        String help = flat(cmd.getUsageMessage(CommandLine.Help.Ansi.OFF));
        for (String line : cmd.getCommandSpec().usageMessage().description()) {
            assertTrue(help.contains(flat(line)), name + ": the help cuts \"" + line + "\"");
            assertTrue(flat(line).endsWith("."), name + ": a description line does not end a sentence: \"" + line + "\"");
        }
        List<ArgSpec> args = new ArrayList<>(cmd.getCommandSpec().options());
        args.addAll(cmd.getCommandSpec().positionalParameters());
        for (ArgSpec arg : args) {
            String text = flat(String.join(" ", arg.renderedDescription()));
            String label = arg.isOption() ? ((CommandLine.Model.OptionSpec) arg).longestName() : arg.paramLabel();
            assertTrue(text.endsWith("."), name + " " + label + ": the text does not end a sentence: \"" + text + "\"");
            assertTrue(help.contains(text), name + " " + label + ": the help cuts \"" + text + "\"");
        }
    }
}
