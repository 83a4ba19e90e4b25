package dev.mixdown.dsp.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Reading WAV and AIFF variants")
class AudioReadTest {
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final ByteOrder BE = ByteOrder.BIG_ENDIAN;

    @TempDir
    Path dir;

    private Path file(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    /** Reads a whole (small) file in blocks of 3 frames, to cross block boundaries. */
    static float[][] readAll(Path p) throws IOException {
        try (AudioSource s = AudioFiles.open(p)) {
            int ch = s.info().channels();
            float[][] out = new float[ch][(int) s.info().frames()];
            int at = 0;
            int n;
            while ((n = s.read(out, at, Math.min(3, out[0].length - at + 1))) > 0) {
                at += n;
            }
            assertEquals(out[0].length, at, "frames read");
            return out;
        }
    }

    @Test
    @DisplayName("8-bit WAV is unsigned with 128 as zero")
    void wav8() throws IOException {
        byte[] data = RiffBuilder.samples(LE, 1, 128, 0, 255, 192);
        Path p = file("u8.wav", RiffBuilder.littleEndian().chunk("fmt ", RiffBuilder.wavFmt(1, 1, 8000, 8))
                .chunk("data", data).file("RIFF", "WAVE"));
        assertArrayEquals(new float[] {0f, -1f, 127f / 128f, 0.5f}, readAll(p)[0]);
    }

    @Test
    @DisplayName("16-bit stereo WAV de-interleaves to planar channels")
    void wav16() throws IOException {
        byte[] data = RiffBuilder.samples(LE, 2, 16384, -16384, -32768, 32767);
        Path p = file("s16.wav", RiffBuilder.littleEndian().chunk("fmt ", RiffBuilder.wavFmt(1, 2, 44100, 16))
                .chunk("LIST", new byte[] {1, 2, 3}).chunk("data", data).file("RIFF", "WAVE"));
        float[][] x = readAll(p);
        assertArrayEquals(new float[] {0.5f, -1f}, x[0]);
        assertArrayEquals(new float[] {-0.5f, 32767f / 32768f}, x[1]);
    }

    @Test
    @DisplayName("24-bit WAV in WAVE_FORMAT_EXTENSIBLE sign-extends")
    void wav24Extensible() throws IOException {
        byte[] data = RiffBuilder.samples(LE, 3, 0x400000, 0xC00000, 0x7FFFFF, 0x800000, 1, 0xFFFFFF);
        Path p = file("s24.wav", RiffBuilder.littleEndian().chunk("fmt ", RiffBuilder.wavFmtExtensible(1, 3, 96000, 24, 24))
                .chunk("data", data).file("RIFF", "WAVE"));
        try (AudioSource s = AudioFiles.open(p)) {
            assertEquals(new AudioStreamInfo("WAV", 96000, 3, 24, SampleEncoding.SIGNED_INT, 2), s.info());
        }
        float[][] x = readAll(p);
        assertArrayEquals(new float[] {0.5f, -1f}, x[0]);
        assertArrayEquals(new float[] {-0.5f, 1f / (1 << 23)}, x[1]);
        assertArrayEquals(new float[] {8388607f / 8388608f, -1f / (1 << 23)}, x[2]);
    }

    @Test
    @DisplayName("32-bit integer WAV scales by 2^31")
    void wav32int() throws IOException {
        byte[] data = RiffBuilder.samples(LE, 4, 1L << 30, -(1L << 31));
        Path p = file("s32.wav", RiffBuilder.littleEndian().chunk("fmt ", RiffBuilder.wavFmt(1, 1, 48000, 32))
                .chunk("data", data).file("RIFF", "WAVE"));
        assertArrayEquals(new float[] {0.5f, -1f}, readAll(p)[0]);
    }

    @Test
    @DisplayName("32- and 64-bit float WAV pass values through, including above full scale")
    void wavFloat() throws IOException {
        byte[] f32 = RiffBuilder.samples(LE, 4, Float.floatToIntBits(0.25f), Float.floatToIntBits(-1.5f));
        Path p32 = file("f32.wav", RiffBuilder.littleEndian().chunk("fmt ", RiffBuilder.wavFmt(3, 1, 48000, 32))
                .chunk("data", f32).file("RIFF", "WAVE"));
        assertArrayEquals(new float[] {0.25f, -1.5f}, readAll(p32)[0]);

        byte[] f64 = RiffBuilder.samples(LE, 8, Double.doubleToLongBits(0.125), Double.doubleToLongBits(2.0));
        Path p64 = file("f64.wav", RiffBuilder.littleEndian().chunk("fmt ", RiffBuilder.wavFmtExtensible(3, 1, 48000, 64, 64))
                .chunk("data", f64).file("RIFF", "WAVE"));
        assertArrayEquals(new float[] {0.125f, 2f}, readAll(p64)[0]);
    }

    @Test
    @DisplayName("AIFF is big-endian PCM with an 80-bit sample rate")
    void aiff16() throws IOException {
        byte[] data = RiffBuilder.samples(BE, 2, 16384, -32768);
        Path p = file("a.aiff", RiffBuilder.bigEndian().chunk("COMM", RiffBuilder.aiffComm(1, 2, 16, 44100, null))
                .chunk("SSND", RiffBuilder.ssnd(data)).file("FORM", "AIFF"));
        try (AudioSource s = AudioFiles.open(p)) {
            assertEquals(44100, s.info().sampleRate());
            assertEquals("AIFF", s.info().container());
        }
        assertArrayEquals(new float[] {0.5f, -1f}, readAll(p)[0]);
    }

    @Test
    @DisplayName("AIFF 24-bit stereo at 88.2 kHz")
    void aiff24() throws IOException {
        byte[] data = RiffBuilder.samples(BE, 3, 0x400000, 0xC00000);
        Path p = file("a24.aif", RiffBuilder.bigEndian().chunk("COMM", RiffBuilder.aiffComm(2, 1, 24, 88200, null))
                .chunk("SSND", RiffBuilder.ssnd(data)).file("FORM", "AIFF"));
        float[][] x = readAll(p);
        assertEquals(0.5f, x[0][0]);
        assertEquals(-0.5f, x[1][0]);
    }

    @Test
    @DisplayName("AIFF-C 'sowt' is little-endian PCM and 'fl32' is big-endian float")
    void aifc() throws IOException {
        byte[] sowt = RiffBuilder.samples(LE, 2, 16384, -16384);
        Path p = file("s.aifc", RiffBuilder.bigEndian().chunk("COMM", RiffBuilder.aiffComm(1, 2, 16, 48000, "sowt"))
                .chunk("SSND", RiffBuilder.ssnd(sowt)).file("FORM", "AIFC"));
        assertArrayEquals(new float[] {0.5f, -0.5f}, readAll(p)[0]);

        byte[] fl32 = RiffBuilder.samples(BE, 4, Float.floatToIntBits(0.75f), Float.floatToIntBits(-0.25f));
        Path f = file("f.aifc", RiffBuilder.bigEndian().chunk("COMM", RiffBuilder.aiffComm(1, 2, 32, 48000, "fl32"))
                .chunk("SSND", RiffBuilder.ssnd(fl32)).file("FORM", "AIFC"));
        assertArrayEquals(new float[] {0.75f, -0.25f}, readAll(f)[0]);
    }
}
