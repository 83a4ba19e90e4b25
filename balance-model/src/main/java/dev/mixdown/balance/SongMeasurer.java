package dev.mixdown.balance;

import dev.mixdown.dsp.io.AudioFiles;
import dev.mixdown.dsp.io.AudioSource;
import dev.mixdown.dsp.mix.StemAnalyzer;
import dev.mixdown.dsp.mix.StemRole;
import dev.mixdown.dsp.mix.balance.StemMeasures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Measures a song's stems with the engine's own stem analysis, over the whole song and each excerpt. */
final class SongMeasurer {
    /** Excerpts are cut every this many seconds; a last piece shorter than half of it is dropped. */
    static final double EXCERPT_SECONDS = 30;
    private static final int BLOCK = 4096;

    private SongMeasurer() {
    }

    static SongMeasures measure(Song song) throws IOException {
        List<List<StemMeasures>> perStem = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<StemRole> roles = new ArrayList<>();
        for (Song.Stem s : song.stems()) {
            perStem.add(measure(s.path(), true));
            names.add(s.path().getFileName().toString());
            roles.add(s.role());
        }
        double mix = measure(song.referenceMix(), false).get(0).activeLufs();
        int views = perStem.stream().mapToInt(List::size).min().orElse(0);
        List<SongMeasures.View> out = new ArrayList<>();
        for (int v = 0; v < views; v++) {
            List<StemMeasures> stems = new ArrayList<>();
            for (List<StemMeasures> m : perStem) {
                stems.add(m.get(v));
            }
            out.add(new SongMeasures.View(v == 0 ? "whole" : "excerpt" + v, stems));
        }
        return new SongMeasures(song.name(), names, roles, mix, out);
    }

    /** The whole file's measures, then (with {@code excerpts}) each excerpt's. */
    static List<StemMeasures> measure(Path file, boolean excerpts) throws IOException {
        try (AudioSource src = AudioFiles.open(file)) {
            int rate = src.info().sampleRate();
            int channels = src.info().channels();
            long excerptFrames = Math.round(EXCERPT_SECONDS * rate);
            StemAnalyzer whole = new StemAnalyzer(rate, channels);
            List<StemAnalyzer> pieces = new ArrayList<>();
            List<Long> pieceFrames = new ArrayList<>();
            StemAnalyzer piece = null;
            long inPiece = 0;
            float[][] block = new float[channels][BLOCK];
            int k;
            while ((k = src.read(block, 0, BLOCK)) > 0) {
                whole.accept(block, 0, k);
                int done = 0;
                while (excerpts && done < k) {
                    if (piece == null || inPiece == excerptFrames) {
                        if (piece != null) {
                            pieceFrames.add(inPiece);
                        }
                        piece = new StemAnalyzer(rate, channels);
                        pieces.add(piece);
                        inPiece = 0;
                    }
                    int n = (int) Math.min(k - done, excerptFrames - inPiece);
                    piece.accept(sliced(block, done, n), 0, n);
                    done += n;
                    inPiece += n;
                }
            }
            if (piece != null) {
                pieceFrames.add(inPiece);
            }
            List<StemMeasures> out = new ArrayList<>();
            out.add(StemMeasures.of(whole));
            for (int i = 0; i < pieces.size(); i++) {
                if (pieceFrames.get(i) >= excerptFrames / 2) {
                    out.add(StemMeasures.of(pieces.get(i)));
                }
            }
            return out;
        }
    }

    private static float[][] sliced(float[][] block, int from, int n) {
        if (from == 0) {
            return block;
        }
        float[][] s = new float[block.length][n];
        for (int ch = 0; ch < block.length; ch++) {
            System.arraycopy(block[ch], from, s[ch], 0, n);
        }
        return s;
    }
}
