package dev.mixdown.dsp.packaging;

import dev.mixdown.dsp.edit.EditPlan;
import dev.mixdown.dsp.master.MasterPlan;
import java.util.List;
import java.util.Map;

/**
 * What every part of a package shares, decided once from the main: the stems' gains (the main's
 * mix plan is re-derived from the same stems, deterministically), the master chain and its gain,
 * the edit of every length, and the analysed tempo, key and bar grid. A part (one version) needs
 * only this and the stems; the plan travels between workers as JSON.
 *
 * @param mixRate             the mix rate in Hz
 * @param stems               the input stems in order, with the main's gains (empty for a stereo-mix input)
 * @param mainPeakDbfs        the main mix's sample peak (before mastering)
 * @param masterPlan          the main's master chain
 * @param masterGainDb        the main's master gain (what "sonically identical" versions keep)
 * @param edits               length id → the edit planned on the main (no entry for full)
 * @param downbeatFrames      the main's downbeats at the mix rate (for preview tags)
 * @param bpm                 analysed tempo
 * @param key                 analysed key, or null
 * @param durationSeconds     the main's length
 * @param metadata            the track's metadata with BPM and key filled in
 * @param warnings            what the planning noticed
 */
public record PackagePlan(int mixRate, List<PlannedStem> stems, double mainPeakDbfs, MasterPlan masterPlan, double masterGainDb,
        Map<String, EditPlan> edits, long[] downbeatFrames, double bpm, String key, double durationSeconds, TrackMetadata metadata,
        List<String> warnings) {

    /** One input stem: its file name, its role and lead flag in the main's plan, and its fixed gain. */
    public record PlannedStem(String file, String role, boolean lead, double gainDb) {
    }

    public List<StemSelector.Stem> selectorStems() {
        return selectorStems(stems);
    }

    static List<StemSelector.Stem> selectorStems(List<PlannedStem> stems) {
        return stems.stream().map(s -> new StemSelector.Stem(baseName(s.file()), dev.mixdown.dsp.mix.StemRole.named(s.role()), s.lead()))
                .toList();
    }

    static String baseName(String file) {
        String name = java.nio.file.Path.of(file).getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
