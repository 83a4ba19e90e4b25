package dev.mixdown.dsp.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mixdown.dsp.processor.ProcessSpec;
import dev.mixdown.dsp.testing.Measure;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Linkwitz-Riley crossover")
class LinkwitzRileyCrossoverTest {

    @ParameterizedTest(name = "at {0} Hz")
    @ValueSource(ints = {44_100, 48_000, 96_000})
    @DisplayName("low and high bands sum flat within 0.01 dB, each -6 dB at the crossover")
    void sumsFlat(int rate) {
        LinkwitzRileyCrossover xo = new LinkwitzRileyCrossover(800);
        assertEquals(-6.02, 20 * Math.log10(xo.lowMagnitudeAt(800, rate)), 0.01);
        assertEquals(-6.02, 20 * Math.log10(xo.highMagnitudeAt(800, rate)), 0.01);
        xo.prepare(new ProcessSpec(rate, 8192, 2));
        for (double hz : new double[] {50, 400, 800, 1600, 8000}) {
            xo.reset();
            float[][] x = Measure.sine(rate, 2, hz, 0.5, rate);
            float[][] low = new float[2][rate];
            float[][] high = new float[2][rate];
            for (int off = 0; off < rate; off += 8192) {
                xo.split(x, low, high, off, Math.min(8192, rate - off));
            }
            float[] sum = new float[rate];
            for (int i = 0; i < rate; i++) {
                sum[i] = low[0][i] + high[0][i];
            }
            assertEquals(Measure.rmsDb(x[0], rate / 2, rate), Measure.rmsDb(sum, rate / 2, rate), 0.01, "sum at " + hz + " Hz");
        }
    }
}
