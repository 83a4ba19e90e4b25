package dev.mixdown.dsp.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixdown.dsp.processor.ProcessSpec;
import dev.mixdown.dsp.testing.Measure;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Multiband compressor")
class MultibandCompressorTest {

    private static Compressor idle() {
        return new Compressor(0, 2, 0, 10, 100, 0, Detection.PEAK, 0);
    }

    @Test
    @DisplayName("with every band idle, the three bands sum flat within 0.02 dB")
    void idleIsFlat() {
        int rate = 48_000;
        MultibandCompressor m = new MultibandCompressor(200, 3000, idle(), idle(), idle());
        m.prepare(new ProcessSpec(rate, 2048, 2));
        for (double hz : new double[] {40, 200, 700, 3000, 10000}) {
            m.reset();
            float[][] x = Measure.sine(rate, 2, hz, 0.3, rate);
            double in = Measure.rmsDb(x[0], rate / 2, rate);
            m.process(x, 0, rate);
            assertEquals(in, Measure.rmsDb(x[0], rate / 2, rate), 0.02, "at " + hz + " Hz");
        }
    }

    @Test
    @DisplayName("a loud bass is compressed in the low band while the highs pass untouched")
    void bandsAreIndependent() {
        int rate = 48_000;
        Compressor low = new Compressor(-20, 4, 0, 5, 50, 0, Detection.PEAK, 0);
        MultibandCompressor m = new MultibandCompressor(200, 3000, low, idle(), idle());
        m.prepare(new ProcessSpec(rate, 4096, 2));
        float[][] bass = Measure.sine(rate, 2, 60, 0.5, rate);
        double in = Measure.rmsDb(bass[0], rate / 2, rate);
        m.process(bass, 0, rate);
        assertTrue(Measure.rmsDb(bass[0], rate / 2, rate) < in - 5, "bass compressed");

        m.reset();
        float[][] treble = Measure.sine(rate, 2, 8000, 0.5, rate);
        double inT = Measure.rmsDb(treble[0], rate / 2, rate);
        m.process(treble, 0, rate);
        assertEquals(inT, Measure.rmsDb(treble[0], rate / 2, rate), 0.05);
    }
}
