package dev.mixdown.dsp.mix;

import dev.mixdown.dsp.io.OutputFormat;
import java.nio.file.Path;
import java.util.List;

/**
 * One mix job.
 *
 * @param stems      1 to {@value #MAX_STEMS} stems
 * @param out        the stereo mix to write (when masters follow, only if {@code keepMix})
 * @param format     its container and depth; the rate is the mix rate
 * @param mixRate    mix rate in Hz, or 0 for the highest rate among the stems
 * @param stemsOut   folder for the processed stems (each stem's dry contribution, plus the reverb/delay return), or null
 * @param workDir    folder for temporary audio
 * @param plotsDir   folder for PNG plots, or null
 * @param headroom   leave the mix's sample peak at or under -3 dBFS (false when a master follows)
 * @param keepMix    when masters follow, write the mix to {@code out} as well, with the headroom of a mix alone, so that it
 *                   can be compared with them; the report then measures it as the mix
 */
public record MixJob(List<StemSpec> stems, Path out, OutputFormat.Container container, OutputFormat.BitDepth depth, int mixRate,
        Path stemsOut, Path workDir, Path plotsDir, boolean headroom, boolean keepMix) {
    public static final int MAX_STEMS = 128;

    public MixJob {
        if (stems == null || stems.isEmpty()) {
            throw new IllegalArgumentException("a mix needs at least one stem");
        }
        if (stems.size() > MAX_STEMS) {
            throw new IllegalArgumentException("too many stems: " + stems.size() + " (at most " + MAX_STEMS + ")");
        }
        stems = List.copyOf(stems);
        if (mixRate != 0 && (mixRate < 8_000 || mixRate > 192_000)) {
            throw new IllegalArgumentException("mix rate " + mixRate + " Hz is outside 8000 to 192000 Hz");
        }
    }

    /** A job whose mix, when masters follow, is not kept. */
    public MixJob(List<StemSpec> stems, Path out, OutputFormat.Container container, OutputFormat.BitDepth depth, int mixRate,
            Path stemsOut, Path workDir, Path plotsDir, boolean headroom) {
        this(stems, out, container, depth, mixRate, stemsOut, workDir, plotsDir, headroom, false);
    }
}
