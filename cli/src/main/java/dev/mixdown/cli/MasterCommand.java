package dev.mixdown.cli;

import dev.mixdown.dsp.io.OutputFormat.BitDepth;
import dev.mixdown.dsp.master.Deliverable;
import dev.mixdown.dsp.master.DeliveryFormat;
import dev.mixdown.dsp.master.DeliveryTarget;
import dev.mixdown.dsp.master.MasterEngine;
import dev.mixdown.dsp.master.MasterJob;
import dev.mixdown.dsp.master.MasterReport;
import dev.mixdown.dsp.master.MasterSettings;
import dev.mixdown.dsp.master.ToneProfile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "master",
        description = {
            "Master a track (or, with --album, several as one album) to a delivery target's loudness and true-peak ceiling.",
            "The file as written measures within 0.1 LU of the target's integrated loudness and at or under its true-peak ceiling.",
            "Tone is steered toward a profile or reference tracks.",
            "Targets (LUFS/dBTP): spotify (-14/-1), apple-music (-16/-1), youtube (-14/-1), amazon-music (-14/-2), tidal (-14/-1),"
                + " deezer (-15/-1), ebu-r128 (-23/-1), atsc-a85 (-24/-2), club (-8/-0.5), or --lufs X --ceiling Y."},
        mixinStandardHelpOptions = true)
final class MasterCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "IN", description = "WAV, AIFF, FLAC or MP3 to master.")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "File to write; its extension sets the format unless --format is given.")
    Path out;

    @Option(names = "--target", paramLabel = "NAME", description = "Named delivery target (default: spotify unless --lufs is given).")
    String target;

    @Option(names = "--lufs", paramLabel = "X", description = "Custom target loudness in LUFS (with --ceiling).")
    Double lufs;

    @Option(names = "--ceiling", paramLabel = "Y", description = "Custom true-peak ceiling in dBTP (default -1 with --lufs).")
    Double ceiling;

    @Option(names = "--reference", paramLabel = "FILE[:WEIGHT]", description = "Reference track to steer the tone toward; repeat for several.")
    List<String> references = new ArrayList<>();

    @Option(names = "--amount", paramLabel = "PCT", defaultValue = "50", description = "How far to move the tone toward the target, 0-100 (default: ${DEFAULT-VALUE}).")
    double amount;

    @Option(names = "--profile", paramLabel = "NAME", defaultValue = "neutral", description = "Tone profile: neutral, warm, bright (default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(names = "--format", paramLabel = "wav|flac|mp3", description = "Output format (default: from OUT's extension).")
    String format;

    @Option(names = "--bits", paramLabel = "16|24|32f", description = "Output depth (default: the input's).")
    String bits;

    @Option(names = "--rate", paramLabel = "HZ", description = "Output sample rate (default: the input's).")
    Integer rate;

    @Option(names = "--also", paramLabel = "FILE[,target=NAME][,lufs=X][,ceiling=Y][,rate=HZ][,bits=N][,format=F]",
            description = "Another deliverable from the same analysis; repeat for several.")
    List<String> also = new ArrayList<>();

    @Option(names = "--album", paramLabel = "IN=OUT",
            description = "Another track of the same album: all tracks share one gain, the loudest sits on the target; repeat for several.")
    List<String> album = new ArrayList<>();

    @Option(names = "--no-dynamics", description = "Leave dynamics alone (no multiband compression).")
    boolean noDynamics;

    @Option(names = "--width", paramLabel = "W", description = "Stereo width, 0 (mono) to 2 (default: the plan decides).")
    Double width;





    @Mixin
    ReportOptions output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        return EngineRun.run(spec, "master", work -> {
            List<Deliverable> deliverables = new ArrayList<>();
            deliverables.add(deliverable(out, format, bits, rate, target, lufs, ceiling));
            for (String a : also) {
                deliverables.add(parseAlso(a));
            }
            List<MasterSettings.Reference> refs = new ArrayList<>();
            for (String r : references) {
                refs.add(parseReference(r));
            }
            MasterSettings settings = new MasterSettings(ToneProfile.named(profile), refs, amount, !noDynamics, width);
            List<MasterReport> results;
            try (CliProgress progress = output.progress("master", err)) {
                MasterEngine engine = new MasterEngine(progress);
                if (album.isEmpty()) {
                    results = List.of(engine.master(new MasterJob(in, settings, deliverables, work, output.plots)));
                } else {
                    if (!also.isEmpty()) {
                        throw new IllegalArgumentException("--also and --album do not combine: an album delivers one file per track");
                    }
                    List<MasterJob> jobs = new ArrayList<>();
                    jobs.add(new MasterJob(in, settings, deliverables, work.resolve("0"), output.plots));
                    for (String pair : album) {
                        int eq = pair.indexOf('=');
                        if (eq <= 0 || eq == pair.length() - 1) {
                            throw new IllegalArgumentException("--album " + pair + ": expected IN=OUT");
                        }
                        Path trackOut = Path.of(pair.substring(eq + 1));
                        jobs.add(new MasterJob(Path.of(pair.substring(0, eq)), settings,
                                List.of(deliverable(trackOut, format, bits, rate, target, lufs, ceiling)), work.resolve(String.valueOf(jobs.size())), null));
                    }
                    results = engine.masterAlbum(jobs);
                }
            }
            err.flush();
            Object payload = results.size() == 1 ? results.get(0) : results;
            output.publish(payload, stdout, () -> results.forEach(r -> printSummary(stdout, r)));
        });
    }

    static Deliverable deliverable(Path path, String format, String bits, Integer rate, String target, Double lufs, Double ceiling) {
        DeliveryFormat f = format != null ? DeliveryFormat.named(format) : DeliveryFormat.fromFileName(path.getFileName().toString());
        if (f == null) {
            throw new IllegalArgumentException(path + ": cannot tell the format from the extension; use --format wav|flac|mp3");
        }
        DeliveryTarget t;
        if (lufs != null) {
            if (target != null) {
                throw new IllegalArgumentException("give either --target or --lufs/--ceiling, not both");
            }
            t = DeliveryTarget.custom(lufs, ceiling != null ? ceiling : -1.0);
        } else if (ceiling != null) {
            throw new IllegalArgumentException("--ceiling needs --lufs (or use --target)");
        } else {
            t = DeliveryTarget.named(target != null ? target : "spotify");
        }
        return new Deliverable(path, f, rate != null ? rate : 0, bits != null ? depth(bits) : null, 320, t);
    }

    /** {@code --bits}: 16, 24 or 32f, and 32 for 32f. */
    static BitDepth depth(String bits) {
        BitDepth depth = "32".equals(bits) ? BitDepth.FLOAT_32 : BitDepth.named(bits);
        if (depth == null) {
            throw new IllegalArgumentException("unsupported --bits " + bits + " (16, 24 or 32f)");
        }
        return depth;
    }

    static Deliverable parseAlso(String spec) {
        String[] parts = spec.split(",");
        Path path = Path.of(parts[0]);
        String f = null;
        String b = null;
        Integer r = null;
        String t = null;
        Double l = null;
        Double c = null;
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("--also " + spec + ": '" + parts[i] + "' is not key=value");
            }
            try {
                switch (kv[0]) {
                    case "format":
                        f = kv[1];
                        break;
                    case "bits":
                        b = kv[1];
                        break;
                    case "rate":
                        r = Integer.parseInt(kv[1]);
                        break;
                    case "target":
                        t = kv[1];
                        break;
                    case "lufs":
                        l = Double.parseDouble(kv[1]);
                        break;
                    case "ceiling":
                        c = Double.parseDouble(kv[1]);
                        break;
                    default:
                        throw new IllegalArgumentException("--also " + spec + ": unknown key '" + kv[0]
                                + "' (format, bits, rate, target, lufs, ceiling)");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--also " + spec + ": '" + kv[1] + "' is not a number");
            }
        }
        return deliverable(path, f, b, r, t, l, c);
    }

    static MasterSettings.Reference parseReference(String spec) {
        int colon = spec.lastIndexOf(':');
        if (colon > 0) {
            try {
                return new MasterSettings.Reference(Path.of(spec.substring(0, colon)), Double.parseDouble(spec.substring(colon + 1)));
            } catch (NumberFormatException e) {
                // a colon in the file name, not a weight
            }
        }
        return new MasterSettings.Reference(Path.of(spec), 1.0);
    }

    private static void printSummary(PrintWriter out, MasterReport r) {
        out.printf("Mastered %s (%.1f s): before %.2f LUFS, %.2f dBTP, LRA %s LU%n", r.input().file(), r.input().durationSeconds(),
                r.before().integratedLufs(), r.before().truePeakDbtp(),
                r.before().loudnessRangeLu() == null ? "-" : String.format("%.1f", r.before().loudnessRangeLu()));
        out.printf("Plan: tone toward %s, %d EQ move(s); dynamics: %s; width %.2f%n", r.plan().toneTarget(), r.plan().eq().size(),
                r.plan().dynamics().enabled() ? "multiband glue" : r.plan().dynamics().reason(), r.plan().width().width());
        for (MasterReport.DeliveredFile d : r.deliverables()) {
            String depth = d.bits() == null ? d.bitrateKbps() + " kbps" : d.bits() == 32 ? "32f-bit" : d.bits() + "-bit";
            out.printf("  %s  %s %d Hz %s  %-12s  %.2f LUFS (target %.1f)  %.2f dBTP (ceiling %.1f)  LRA %s  %s%n",
                    d.onTarget() ? "OK  " : "MISS", d.format(), d.sampleRate(), depth, d.target(),
                    d.after().integratedLufs(), d.targetLufs(), d.after().truePeakDbtp(), d.ceilingDbtp(),
                    d.after().loudnessRangeLu() == null ? "-" : String.format("%.1f", d.after().loudnessRangeLu()), d.file());
        }
        for (String w : r.warnings()) {
            out.println("warning: " + w);
        }
    }

}
