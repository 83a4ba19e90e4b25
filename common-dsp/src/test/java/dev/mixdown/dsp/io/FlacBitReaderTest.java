package dev.mixdown.dsp.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("FLAC bit reader")
class FlacBitReaderTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} zeros, then a one")
    @ValueSource(ints = {0, 1, 7, 8, 55, 56, 62, 63, 64, 65, 100, 127, 128, 200})
    @DisplayName("a unary code of any length, wherever it ends in the 64-bit cache, leaves the next bits intact")
    void unaryAtEveryCacheBoundary(int zeros) throws IOException {
        // `zeros` zero bits, a one bit, then the byte 0xA5, then padding
        int bits = zeros + 1 + 8;
        byte[] data = new byte[(bits + 7) / 8 + 16];
        setBit(data, zeros);
        for (int i = 0; i < 8; i++) {
            if (((0xA5 >> (7 - i)) & 1) != 0) {
                setBit(data, zeros + 1 + i);
            }
        }
        Path f = dir.resolve("bits");
        Files.write(f, data);
        try (FileChannel ch = FileChannel.open(f)) {
            FlacBitReader r = new FlacBitReader(ch, 0, 64);
            assertEquals(zeros, r.unary());
            assertEquals(0xA5, r.bits(8));
        }
    }

    private static void setBit(byte[] b, int index) {
        b[index / 8] |= (byte) (0x80 >> (index % 8));
    }
}
