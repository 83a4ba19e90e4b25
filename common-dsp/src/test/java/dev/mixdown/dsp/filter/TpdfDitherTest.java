package dev.mixdown.dsp.filter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixdown.dsp.dither.TpdfDither;
import dev.mixdown.dsp.processor.ProcessSpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("TPDF dither")
class TpdfDitherTest {

    private static float[][] dithered(long seed, int bits, int frames) {
        TpdfDither d = new TpdfDither(bits, seed);
        d.prepare(new ProcessSpec(48_000, frames, 2));
        float[][] x = new float[2][frames];
        d.process(x, 0, frames);
        return x;
    }

    @Test
    @DisplayName("noise is triangular, ±1 LSB at its widest, with the RMS of LSB/sqrt(6)")
    void levelAndShape() {
        int frames = 200_000;
        float[][] x = dithered(7, 16, frames);
        double lsb = 1.0 / 32768;
        double sum = 0;
        double max = 0;
        for (float v : x[0]) {
            sum += (double) v * v;
            max = Math.max(max, Math.abs(v));
        }
        assertEquals(lsb / Math.sqrt(6), Math.sqrt(sum / frames), lsb * 0.01);
        assertTrue(max <= lsb, "never beyond one LSB: " + max / lsb);
        assertTrue(max > 0.9 * lsb, "reaches near one LSB");
    }

    @Test
    @DisplayName("the same seed gives the same noise; channels and seeds differ")
    void seeded() {
        assertArrayEquals(dithered(3, 16, 1000)[0], dithered(3, 16, 1000)[0]);
        assertFalse(java.util.Arrays.equals(dithered(3, 16, 1000)[0], dithered(4, 16, 1000)[0]));
        float[][] x = dithered(3, 16, 1000);
        assertFalse(java.util.Arrays.equals(x[0], x[1]));
    }

    @Test
    @DisplayName("it is needed only below 24 bits: float processing carries 24")
    void onlyWhenNeeded() {
        assertTrue(TpdfDither.isNeededFor(16));
        assertFalse(TpdfDither.isNeededFor(24));
    }
}
