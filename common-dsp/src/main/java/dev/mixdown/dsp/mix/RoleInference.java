package dev.mixdown.dsp.mix;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Infers a stem's role when the user gives none: first from its file name (engineers' shorthand
 * like "Kick", "Vox", "BV", "Gtr", "Keys", and General MIDI instrument names such as
 * "acoustic_grand_piano" or "pick_bass"), then from the audio itself.
 */
public final class RoleInference {

    /** A role and where it came from: "given", "file name" or "audio", with the evidence. */
    public record Inferred(StemRole role, String source, String evidence) {
    }

    /** Ordered: the first rule whose words all appear wins, so "bass guitar" is bass and "backing vox" is backing. */
    private record Rule(String[] words, StemRole role) {
    }

    private static final List<Rule> RULES = new ArrayList<>();

    static {
        rule(StemRole.BACKING_VOCAL, "backing"); rule(StemRole.BACKING_VOCAL, "bv"); rule(StemRole.BACKING_VOCAL, "bvs");
        rule(StemRole.BACKING_VOCAL, "bgv"); rule(StemRole.BACKING_VOCAL, "bgvs"); rule(StemRole.BACKING_VOCAL, "harmony");
        rule(StemRole.BACKING_VOCAL, "harmonies"); rule(StemRole.BACKING_VOCAL, "choir"); rule(StemRole.BACKING_VOCAL, "backs");
        rule(StemRole.BACKING_VOCAL, "adlib"); rule(StemRole.BACKING_VOCAL, "adlibs");
        rule(StemRole.KICK, "kick"); rule(StemRole.KICK, "kik"); rule(StemRole.KICK, "bd"); rule(StemRole.KICK, "bassdrum");
        rule(StemRole.KICK, "bass", "drum");
        rule(StemRole.SNARE, "snare"); rule(StemRole.SNARE, "snr"); rule(StemRole.SNARE, "sd"); rule(StemRole.SNARE, "clap");
        rule(StemRole.BASS, "bass"); rule(StemRole.BASS, "bs"); rule(StemRole.BASS, "sub"); rule(StemRole.BASS, "808");
        rule(StemRole.BASS, "contrabass"); rule(StemRole.BASS, "bassline");
        rule(StemRole.DRUMS, "drum"); rule(StemRole.DRUMS, "drums"); rule(StemRole.DRUMS, "kit"); rule(StemRole.DRUMS, "overhead");
        rule(StemRole.DRUMS, "overheads"); rule(StemRole.DRUMS, "oh"); rule(StemRole.DRUMS, "room"); rule(StemRole.DRUMS, "tom");
        rule(StemRole.DRUMS, "toms"); rule(StemRole.DRUMS, "hihat"); rule(StemRole.DRUMS, "hat"); rule(StemRole.DRUMS, "hats");
        rule(StemRole.DRUMS, "hh"); rule(StemRole.DRUMS, "cymbal"); rule(StemRole.DRUMS, "cymbals"); rule(StemRole.DRUMS, "ride");
        rule(StemRole.DRUMS, "crash"); rule(StemRole.DRUMS, "breakbeat"); rule(StemRole.DRUMS, "beat");
        rule(StemRole.PERCUSSION, "perc"); rule(StemRole.PERCUSSION, "percussion"); rule(StemRole.PERCUSSION, "shaker");
        rule(StemRole.PERCUSSION, "tambourine"); rule(StemRole.PERCUSSION, "tamb"); rule(StemRole.PERCUSSION, "conga");
        rule(StemRole.PERCUSSION, "congas"); rule(StemRole.PERCUSSION, "bongo"); rule(StemRole.PERCUSSION, "bongos");
        rule(StemRole.PERCUSSION, "timpani"); rule(StemRole.PERCUSSION, "glockenspiel"); rule(StemRole.PERCUSSION, "xylophone");
        rule(StemRole.PERCUSSION, "marimba"); rule(StemRole.PERCUSSION, "vibraphone"); rule(StemRole.PERCUSSION, "cowbell");
        rule(StemRole.VOCAL, "vocal"); rule(StemRole.VOCAL, "vocals"); rule(StemRole.VOCAL, "vox"); rule(StemRole.VOCAL, "voc");
        rule(StemRole.VOCAL, "voice"); rule(StemRole.VOCAL, "vo"); rule(StemRole.VOCAL, "singer"); rule(StemRole.VOCAL, "sing");
        rule(StemRole.VOCAL, "rap"); rule(StemRole.VOCAL, "lyrics"); rule(StemRole.VOCAL, "leadvox"); rule(StemRole.VOCAL, "acapella");
        rule(StemRole.PAD, "pad"); rule(StemRole.PAD, "pads"); rule(StemRole.PAD, "atmosphere"); rule(StemRole.PAD, "ambient");
        rule(StemRole.PAD, "drone");
        rule(StemRole.KEYS, "electric", "piano"); rule(StemRole.KEYS, "epiano"); rule(StemRole.KEYS, "rhodes");
        rule(StemRole.KEYS, "wurli"); rule(StemRole.KEYS, "wurlitzer"); rule(StemRole.KEYS, "organ"); rule(StemRole.KEYS, "keys");
        rule(StemRole.KEYS, "key"); rule(StemRole.KEYS, "clav"); rule(StemRole.KEYS, "clavinet"); rule(StemRole.KEYS, "harpsichord");
        rule(StemRole.KEYS, "celesta"); rule(StemRole.KEYS, "accordion"); rule(StemRole.KEYS, "harmonica");
        rule(StemRole.PIANO, "piano"); rule(StemRole.PIANO, "pno"); rule(StemRole.PIANO, "pf");
        rule(StemRole.GUITAR, "guitar"); rule(StemRole.GUITAR, "guitars"); rule(StemRole.GUITAR, "gtr"); rule(StemRole.GUITAR, "gtrs");
        rule(StemRole.GUITAR, "gt"); rule(StemRole.GUITAR, "acoustic"); rule(StemRole.GUITAR, "banjo"); rule(StemRole.GUITAR, "mandolin");
        rule(StemRole.GUITAR, "ukulele"); rule(StemRole.GUITAR, "sitar"); rule(StemRole.GUITAR, "strat"); rule(StemRole.GUITAR, "tele");
        rule(StemRole.STRINGS, "strings"); rule(StemRole.STRINGS, "string"); rule(StemRole.STRINGS, "str"); rule(StemRole.STRINGS, "violin");
        rule(StemRole.STRINGS, "violins"); rule(StemRole.STRINGS, "viola"); rule(StemRole.STRINGS, "cello"); rule(StemRole.STRINGS, "celli");
        rule(StemRole.STRINGS, "fiddle"); rule(StemRole.STRINGS, "harp"); rule(StemRole.STRINGS, "orchestra"); rule(StemRole.STRINGS, "pizzicato");
        rule(StemRole.STRINGS, "tremolo");
        rule(StemRole.BRASS, "brass"); rule(StemRole.BRASS, "trumpet"); rule(StemRole.BRASS, "trumpets"); rule(StemRole.BRASS, "tpt");
        rule(StemRole.BRASS, "trombone"); rule(StemRole.BRASS, "trombones"); rule(StemRole.BRASS, "tbn"); rule(StemRole.BRASS, "horn");
        rule(StemRole.BRASS, "horns"); rule(StemRole.BRASS, "tuba"); rule(StemRole.BRASS, "flugelhorn"); rule(StemRole.BRASS, "cornet");
        rule(StemRole.WOODWIND, "sax"); rule(StemRole.WOODWIND, "saxophone"); rule(StemRole.WOODWIND, "flute"); rule(StemRole.WOODWIND, "flutes");
        rule(StemRole.WOODWIND, "clarinet"); rule(StemRole.WOODWIND, "oboe"); rule(StemRole.WOODWIND, "bassoon");
        rule(StemRole.WOODWIND, "woodwind"); rule(StemRole.WOODWIND, "woodwinds"); rule(StemRole.WOODWIND, "piccolo");
        rule(StemRole.WOODWIND, "recorder"); rule(StemRole.WOODWIND, "whistle"); rule(StemRole.WOODWIND, "ocarina");
        rule(StemRole.WOODWIND, "pipe"); rule(StemRole.WOODWIND, "bagpipe");
        rule(StemRole.SYNTH, "synth"); rule(StemRole.SYNTH, "synths"); rule(StemRole.SYNTH, "polysynth"); rule(StemRole.SYNTH, "arp");
        rule(StemRole.SYNTH, "arpeggio"); rule(StemRole.SYNTH, "lead"); rule(StemRole.SYNTH, "pluck"); rule(StemRole.SYNTH, "square");
        rule(StemRole.SYNTH, "sawtooth"); rule(StemRole.SYNTH, "saw"); rule(StemRole.SYNTH, "moog");
        rule(StemRole.FX, "fx"); rule(StemRole.FX, "sfx"); rule(StemRole.FX, "riser"); rule(StemRole.FX, "impact");
        rule(StemRole.FX, "sweep"); rule(StemRole.FX, "noise"); rule(StemRole.FX, "effect"); rule(StemRole.FX, "effects");
        rule(StemRole.FX, "foley"); rule(StemRole.FX, "transition"); rule(StemRole.FX, "whoosh");
    }

    private static void rule(StemRole role, String... words) {
        RULES.add(new Rule(words, role));
    }

    private RoleInference() {
    }

    /** The role a file name suggests, if any. */
    public static Optional<Inferred> fromName(String fileName) {
        String base = fileName.replaceFirst("\\.[A-Za-z0-9]{2,5}$", "");
        // split camelCase, then on anything that is not a letter or digit
        String spaced = base.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        List<String> tokens = new ArrayList<>();
        for (String t : spaced.split("[^a-z0-9]+")) {
            String word = t.equals("808") ? t : t.replaceAll("^\\d+|\\d+$", ""); // "ch01" -> "ch", "vox2" -> "vox"
            if (!word.isEmpty()) {
                tokens.add(word);
            }
        }
        for (Rule r : RULES) {
            boolean all = true;
            for (String w : r.words()) {
                all &= tokens.contains(w);
            }
            if (all) {
                return Optional.of(new Inferred(r.role(), "file name", "'" + String.join(" ", r.words()) + "' in " + fileName));
            }
        }
        return Optional.empty();
    }

    /**
     * The role the audio suggests: a stem whose energy sits mostly below 150 Hz is bass; one with
     * a high crest factor and frequent onsets is drums (percussion when it has little low end);
     * a bright, sparse, spiky one is an effect; otherwise by spectral centroid.
     */
    public static Inferred fromAudio(StemFeatures f) {
        String evidence = String.format("low end %.0f %%, centroid %.0f Hz, crest %.1f dB, %.1f onsets/s",
                f.lowShare() * 100, f.centroidHz(), f.crestDb(), f.onsetsPerSecond());
        StemRole role;
        if (f.lowShare() > 0.55 && f.crestDb() < 14) {
            role = StemRole.BASS;
        } else if (f.crestDb() >= 14 && f.onsetsPerSecond() >= 1.5) {
            role = f.lowShare() > 0.2 ? StemRole.DRUMS : StemRole.PERCUSSION;
        } else if (f.lowShare() > 0.55) {
            role = StemRole.KICK;
        } else if (f.centroidHz() > 4000) {
            role = StemRole.FX;
        } else if (f.centroidHz() < 700 && f.onsetsPerSecond() < 1.0) {
            role = StemRole.PAD;
        } else if (f.centroidHz() < 1500) {
            role = StemRole.KEYS;
        } else {
            role = StemRole.SYNTH;
        }
        return new Inferred(role, "audio", evidence);
    }
}
