package dev.mixdown.dsp.meter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mixdown.dsp.filter.BiquadCoefficients;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("K-weighting")
class KWeightingTest {

    @Test
    @DisplayName("derived at 48 kHz, it reproduces the coefficient tables of BS.1770-4")
    void reproducesTheBs1770TablesAt48k() {
        BiquadCoefficients shelf = KWeighting.shelf(48_000);
        assertEquals(1.53512485958697, shelf.b0(), 1e-9);
        assertEquals(-2.69169618940638, shelf.b1(), 1e-9);
        assertEquals(1.19839281085285, shelf.b2(), 1e-9);
        assertEquals(-1.69065929318241, shelf.a1(), 1e-9);
        assertEquals(0.73248077421585, shelf.a2(), 1e-9);

        BiquadCoefficients hp = KWeighting.highPass(48_000);
        assertEquals(1.0, hp.b0(), 0);
        assertEquals(-2.0, hp.b1(), 0);
        assertEquals(1.0, hp.b2(), 0);
        assertEquals(-1.99004745483398, hp.a1(), 1e-9);
        assertEquals(0.99007225036621, hp.a2(), 1e-9);
    }

    @ParameterizedTest(name = "at {0} Hz")
    @ValueSource(ints = {32_000, 44_100, 88_200, 96_000, 176_400, 192_000})
    @DisplayName("at any rate, its response below 3 kHz matches the 48 kHz response within 0.05 dB")
    void sameResponseAtEveryRate(int rate) {
        for (double hz : new double[] {20, 40, 100, 500, 1000, 2000, 3000}) {
            double reference = KWeighting.shelf(48_000).magnitudeDbAt(hz, 48_000)
                    + KWeighting.highPass(48_000).magnitudeDbAt(hz, 48_000);
            double actual = KWeighting.shelf(rate).magnitudeDbAt(hz, rate) + KWeighting.highPass(rate).magnitudeDbAt(hz, rate);
            assertEquals(reference, actual, 0.05, "response at " + hz + " Hz");
        }
    }

    @Test
    @DisplayName("it lifts high frequencies by about 4 dB and cuts the lowest bass")
    void shapeOfTheCurve() {
        double at10k = KWeighting.shelf(48_000).magnitudeDbAt(10_000, 48_000) + KWeighting.highPass(48_000).magnitudeDbAt(10_000, 48_000);
        double at20 = KWeighting.shelf(48_000).magnitudeDbAt(20, 48_000) + KWeighting.highPass(48_000).magnitudeDbAt(20, 48_000);
        assertEquals(4.0, at10k, 0.2);
        assertEquals(-14.0, at20, 1.0);
    }
}
