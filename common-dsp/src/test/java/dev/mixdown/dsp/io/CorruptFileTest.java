package dev.mixdown.dsp.io;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Bad input fails with a message that names the file and the problem")
class CorruptFileTest {
    @TempDir
    Path dir;

    private Path file(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    /** Opens and reads to the end; returns the failure. */
    private AudioFileException failure(Path p) {
        return assertThrows(AudioFileException.class, () -> {
            try (AudioSource s = AudioFiles.open(p)) {
                float[][] buf = new float[s.info().channels()][4096];
                while (s.read(buf, 0, 4096) > 0) {
                    // drain
                }
            }
        });
    }

    private void assertMessage(AudioFileException e, Path p, String fragment) {
        assertTrue(e.getMessage().startsWith(p.toString() + ": "), "names the file: " + e.getMessage());
        assertTrue(e.getMessage().contains(fragment), "says '" + fragment + "': " + e.getMessage());
    }

    @Test
    @DisplayName("a WAV whose data chunk claims more bytes than the file has is truncated")
    void truncatedWav() throws IOException {
        Path p = file("bass.wav", RiffBuilder.littleEndian().chunk("fmt ", RiffBuilder.wavFmt(1, 2, 44100, 16))
                .chunk("data", new byte[1024], 88_200_000).file("RIFF", "WAVE"));
        assertMessage(failure(p), p, "data chunk claims 88200000 bytes, file has 1024");
    }

    @Test
    @DisplayName("a WAV cut inside its header is truncated")
    void headerCut() throws IOException {
        byte[] whole = RiffBuilder.littleEndian().chunk("fmt ", RiffBuilder.wavFmt(1, 2, 44100, 16))
                .chunk("data", new byte[16]).file("RIFF", "WAVE");
        Path p = file("cut.wav", Arrays.copyOf(whole, 30));
        assertMessage(failure(p), p, "truncated");
    }

    @Test
    @DisplayName("a compressed WAV names its encoding")
    void mp3InWav() throws IOException {
        Path p = file("mp3.wav", RiffBuilder.littleEndian().chunk("fmt ", RiffBuilder.wavFmt(0x55, 2, 44100, 16))
                .chunk("data", new byte[16]).file("RIFF", "WAVE"));
        assertMessage(failure(p), p, "unsupported WAV encoding 0x0055 (MPEG Layer 3)");
    }

    @Test
    @DisplayName("a sample rate outside 8 to 192 kHz is refused")
    void badRate() throws IOException {
        Path p = file("slow.wav", RiffBuilder.littleEndian().chunk("fmt ", RiffBuilder.wavFmt(1, 1, 4000, 16))
                .chunk("data", new byte[16]).file("RIFF", "WAVE"));
        assertMessage(failure(p), p, "unsupported sample rate 4000 Hz");
    }

    @Test
    @DisplayName("more than eight channels are refused")
    void tooManyChannels() throws IOException {
        Path p = file("many.wav", RiffBuilder.littleEndian().chunk("fmt ", RiffBuilder.wavFmt(1, 9, 48000, 16))
                .chunk("data", new byte[18 * 4]).file("RIFF", "WAVE"));
        assertMessage(failure(p), p, "unsupported channel count 9");
    }

    @Test
    @DisplayName("a WAV without a data chunk says so")
    void noData() throws IOException {
        Path p = file("nodata.wav", RiffBuilder.littleEndian().chunk("fmt ", RiffBuilder.wavFmt(1, 1, 48000, 16))
                .file("RIFF", "WAVE"));
        assertMessage(failure(p), p, "no data chunk");
    }

    @Test
    @DisplayName("an AIFF whose COMM chunk claims more frames than the sound data holds is truncated")
    void truncatedAiff() throws IOException {
        Path p = file("keys.aiff", RiffBuilder.bigEndian().chunk("COMM", RiffBuilder.aiffComm(1, 1000, 16, 44100, null))
                .chunk("SSND", RiffBuilder.ssnd(RiffBuilder.samples(ByteOrder.BIG_ENDIAN, 2, 1, 2, 3))).file("FORM", "AIFF"));
        assertMessage(failure(p), p, "claims 1000 frames");
    }

    @Test
    @DisplayName("an empty file, a missing file, a folder and a text file are each named as such")
    void notAudio() throws IOException {
        Path empty = file("empty.wav", new byte[0]);
        assertMessage(failure(empty), empty, "empty file");
        Path missing = dir.resolve("missing.wav");
        assertMessage(failure(missing), missing, "no such file");
        assertMessage(failure(dir), dir, "is a folder");
        Path text = file("notes.wav", "hello world".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertMessage(failure(text), text, "not a WAV, AIFF, FLAC or MP3 file (it starts with 'hell')");
    }

    private Path goodFlac(String name) throws IOException {
        Path p = dir.resolve(name);
        float[][] x = new float[2][48_000];
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < x[0].length; i++) {
            x[0][i] = (float) (0.5 * Math.sin(i * 0.03) + 0.1 * r.nextDouble());
            x[1][i] = (float) (0.4 * Math.sin(i * 0.05));
        }
        try (AudioSink s = AudioFiles.create(p, new OutputFormat(OutputFormat.Container.FLAC, 48_000, 2, OutputFormat.BitDepth.PCM_16))) {
            s.write(x, 0, x[0].length);
        }
        return p;
    }

    @Test
    @DisplayName("a FLAC cut short says how many samples it lacks")
    void truncatedFlac() throws IOException {
        Path good = goodFlac("good.flac");
        byte[] bytes = Files.readAllBytes(good);
        Path p = file("drums.flac", Arrays.copyOf(bytes, bytes.length / 2));
        assertMessage(failure(p), p, "truncated");
    }

    @ParameterizedTest(name = "damage at {0}% of the file")
    @ValueSource(ints = {20, 35, 50, 65, 80, 95})
    @DisplayName("a FLAC with damaged frames fails instead of decoding to silence")
    void damagedFlac(int percent) throws IOException {
        byte[] bytes = Files.readAllBytes(goodFlac("good.flac"));
        int at = bytes.length * percent / 100;
        for (int i = at; i < at + 16 && i < bytes.length; i++) {
            bytes[i] ^= 0x5A;
        }
        Path p = file("vox.flac", bytes);
        assertMessage(failure(p), p, "FLAC");
    }
}
