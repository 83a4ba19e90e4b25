package dev.mixdown.cli;

import dev.mixdown.dsp.io.OutputFormat;
import dev.mixdown.dsp.master.Deliverable;
import dev.mixdown.dsp.master.MasterSettings;
import dev.mixdown.dsp.mix.BalanceDecision;
import dev.mixdown.dsp.mix.MixEngine;
import dev.mixdown.dsp.mix.MixJob;
import dev.mixdown.dsp.mix.MixReport;
import dev.mixdown.dsp.mix.Presence;
import dev.mixdown.dsp.mix.ReverbAmount;
import dev.mixdown.dsp.mix.StemRole;
import dev.mixdown.dsp.mix.StemSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "mix",
        description = {
            "Balance stems into a stereo mix by role, with the lead kept on top.",
            "The mix does gain staging, panning, EQ, compression, reverb and delay.",
            "STEMS are files or folders of stems (WAV, AIFF, FLAC, MP3; mono or stereo).",
            "Roles not given are inferred from file names, then from the audio.",
            "The mix leaves 3 dB of headroom unless --master chains it into mastering."},
        mixinStandardHelpOptions = true)
final class MixCommand implements Callable<Integer> {
    private static final Set<String> AUDIO = Set.of("wav", "wave", "aif", "aiff", "aifc", "flac", "mp3");

    @Parameters(arity = "1..*", paramLabel = "STEMS", description = "Stem files or folders of stems.")
    List<Path> inputs;

    @Option(names = "--out", required = true, paramLabel = "MIX", description = "The mix to write (.wav or .flac; .mp3 with --master).")
    Path out;

    @Option(names = "--role", paramLabel = "FILE=ROLE", description = "A stem's role; repeat for several.")
    List<String> roles = new ArrayList<>();

    @Option(names = "--presence", paramLabel = "FILE=LEVEL", description = "lead, normal or background; repeat for several.")
    List<String> presences = new ArrayList<>();

    @Option(names = "--pan", paramLabel = "FILE=POS", description = "left, centre, right or -1..1; repeat for several.")
    List<String> pans = new ArrayList<>();

    @Option(names = "--reverb", paramLabel = "FILE=AMOUNT", description = "none, low, medium or high; repeat for several.")
    List<String> reverbs = new ArrayList<>();

    @Option(names = "--gain", paramLabel = "FILE=DB", description = "Fixed gain instead of automatic staging; repeat for several.")
    List<String> gains = new ArrayList<>();

    @Option(names = "--mute", paramLabel = "FILE", description = "Leave a stem out; repeat for several.")
    List<String> mutes = new ArrayList<>();

    @Option(names = "--stems-out", paramLabel = "DIR", description = "Write each processed stem (they sum to the mix before the bus stage).")
    Path stemsOut;

    @Option(names = "--master", paramLabel = "TARGET", description = "Chain into the master engine with this target (for example spotify).")
    String master;

    @Option(names = "--rate", paramLabel = "HZ", description = "Mix rate (default: the highest among the stems).")
    Integer rate;

    @Option(names = "--bits", paramLabel = "16|24|32f", description = "Output depth (default 24).")
    String bits;





    @Mixin
    ReportOptions output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        return EngineRun.run(spec, "mix", work -> {
            List<Path> files = expand(inputs);
            Map<String, String> role = options("--role", roles);
            Map<String, String> presence = options("--presence", presences);
            Map<String, String> pan = options("--pan", pans);
            Map<String, String> reverb = options("--reverb", reverbs);
            Map<String, String> gain = options("--gain", gains);
            Set<String> muted = new HashSet<>(mutes);
            Set<String> used = new HashSet<>();
            List<StemSpec> stems = new ArrayList<>();
            for (Path f : files) {
                String r = lookup(role, f, used);
                String p = lookup(presence, f, used);
                String pn = lookup(pan, f, used);
                String rv = lookup(reverb, f, used);
                String g = lookup(gain, f, used);
                boolean m = muted.contains(f.toString()) || muted.contains(f.getFileName().toString());
                if (m) {
                    used.add("--mute " + (muted.contains(f.toString()) ? f.toString() : f.getFileName().toString()));
                }
                stems.add(new StemSpec(f, r == null ? null : StemRole.named(r), p == null ? null : Presence.named(p),
                        pn == null ? null : pan(pn), rv == null ? null : ReverbAmount.named(rv), g == null ? null : number(g, "--gain"), m));
            }
            checkAllUsed(role, "--role", used);
            checkAllUsed(presence, "--presence", used);
            checkAllUsed(pan, "--pan", used);
            checkAllUsed(reverb, "--reverb", used);
            checkAllUsed(gain, "--gain", used);
            for (String m : muted) {
                if (!used.contains("--mute " + m)) {
                    throw new IllegalArgumentException("--mute " + m + ": no stem of that name");
                }
            }

            List<Deliverable> deliverables = new ArrayList<>();
            OutputFormat.Container container;
            if (master != null) {
                deliverables.add(MasterCommand.deliverable(out, null, bits, rate, master, null, null));
                container = OutputFormat.Container.WAV;
            } else {
                container = OutputFormat.Container.fromFileName(out.getFileName().toString());
                if (container == null || container == OutputFormat.Container.MP3) {
                    throw new IllegalArgumentException(out + ": a mix is written as .wav or .flac (MP3 only with --master)");
                }
            }
            MixJob job = new MixJob(stems, out, container, bits == null ? null : MasterCommand.depth(bits), rate == null ? 0 : rate,
                    stemsOut, work, output.plots, master == null);
            MixReport result;
            try (CliProgress progress = output.progress("mix", err)) {
                result = new MixEngine(progress).mix(job, MasterSettings.defaults(), deliverables);
            }
            err.flush();
            output.publish(result, stdout, () -> printSummary(stdout, result));
        });
    }

    /** Files as given; folders as the audio files directly inside them, by name. */
    static List<Path> expand(List<Path> inputs) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path in : inputs) {
            if (Files.isDirectory(in)) {
                try (Stream<Path> s = Files.list(in)) {
                    List<Path> found = s.filter(Files::isRegularFile).filter(MixCommand::isAudio).sorted().toList();
                    if (found.isEmpty()) {
                        throw new IllegalArgumentException(in + ": no audio files (wav, aiff, flac, mp3) in this folder");
                    }
                    files.addAll(found);
                }
            } else if (!Files.exists(in)) {
                throw new IllegalArgumentException(in + ": no such file or folder");
            } else {
                files.add(in);
            }
        }
        return files;
    }

    private static boolean isAudio(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && AUDIO.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static Map<String, String> options(String option, List<String> values) {
        Map<String, String> map = new HashMap<>();
        for (String v : values) {
            int eq = v.lastIndexOf('=');
            if (eq <= 0 || eq == v.length() - 1) {
                throw new IllegalArgumentException(option + " " + v + ": expected FILE=VALUE");
            }
            map.put(v.substring(0, eq), v.substring(eq + 1));
        }
        return map;
    }

    /** The value given for a stem by its path or its file name. */
    private static String lookup(Map<String, String> map, Path f, Set<String> used) {
        for (String key : new String[] {f.toString(), f.getFileName().toString()}) {
            if (map.containsKey(key)) {
                used.add(key);
                return map.get(key);
            }
        }
        return null;
    }

    private static void checkAllUsed(Map<String, String> map, String option, Set<String> used) {
        for (String key : map.keySet()) {
            if (!used.contains(key)) {
                throw new IllegalArgumentException(option + " " + key + "=" + map.get(key) + ": no stem of that name");
            }
        }
    }

    private static double pan(String v) {
        switch (v.toLowerCase(Locale.ROOT)) {
            case "left":
                return -0.7;
            case "right":
                return 0.7;
            case "centre":
            case "center":
                return 0;
            default:
                return number(v, "--pan");
        }
    }

    private static double number(String v, String option) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": '" + v + "' is not a number");
        }
    }

    private static void printSummary(PrintWriter out, MixReport r) {
        out.printf("Mixed %d stems at %d Hz into %s%n", r.stems().size(), r.mixRate(), r.out());
        out.printf("  %-40s %-14s %-10s %8s %6s %9s %9s  %s%n", "STEM", "ROLE", "FROM", "GAIN", "PAN", "BEFORE", "IN MIX", "BALANCE");
        for (MixReport.Stem s : r.stems()) {
            out.printf("  %-40s %-14s %-10s %+7.1f %+6.2f %9s %9s  %s%s%n", Path.of(s.file()).getFileName(), s.role() + (s.lead() ? "*" : ""),
                    s.roleSource(), s.gainDb(), s.pan(), lufs(s.loudnessBeforeLufs()), lufs(s.loudnessInMixLufs()), balance(s.balance()),
                    s.muted() ? "  (muted)" : "");
        }
        out.printf("Mix: %.2f LUFS, true peak %.2f dBTP, sample peak %.2f dBFS, LRA %s LU; %s%n", r.mix().integratedLufs(),
                r.mix().truePeakDbtp(), r.mix().samplePeakDbfs(),
                r.mix().loudnessRangeLu() == null ? "-" : String.format("%.1f", r.mix().loudnessRangeLu()), r.bus().note());
        for (String w : r.warnings()) {
            out.println("warning: " + w);
        }
    }

    /** "model -4.2 LU (role +2.1, onsets_per_s -1.0); presence lead: +3 LU", or "role table -7 LU". */
    private static String balance(BalanceDecision b) {
        StringBuilder sb = new StringBuilder();
        if (b.modelLu() != null) {
            sb.append(String.format(Locale.ROOT, "model %+.1f LU", b.modelLu()));
            if (!b.reasons().isEmpty()) {
                sb.append(b.reasons().stream().map(c -> String.format(Locale.ROOT, "%s %+.1f", c.feature(), c.lu()))
                        .collect(Collectors.joining(", ", " (", ")")));
            }
        } else {
            sb.append(String.format(Locale.ROOT, "role table %+.0f LU", b.roleTableLu()));
        }
        for (String c : b.userChanges()) {
            sb.append("; ").append(c);
        }
        return sb.toString();
    }

    private static String lufs(Double v) {
        return v == null ? "-" : String.format("%.1f", v);
    }
}
