package dev.mixdown.dsp.meter;

/**
 * BS.1770-4 channel weights by the usual WAV channel order: front channels 1.0, surround channels
 * 1.41 (+1.5 dB), LFE excluded.
 */
public final class ChannelWeights {
    private static final double SURROUND = 1.41;

    private ChannelWeights() {
    }

    /**
     * Weights for {@code channels} channels: 1 mono; 2 L R; 3 L R C; 4 L R Ls Rs; 5 L R C Ls Rs;
     * 6 L R C LFE Ls Rs (5.1); 7 L R C LFE Cs Ls Rs; 8 L R C LFE Lb Rb Ls Rs (7.1).
     */
    public static double[] forChannelCount(int channels) {
        switch (channels) {
            case 1:
                return new double[] {1.0};
            case 2:
                return new double[] {1.0, 1.0};
            case 3:
                return new double[] {1.0, 1.0, 1.0};
            case 4:
                return new double[] {1.0, 1.0, SURROUND, SURROUND};
            case 5:
                return new double[] {1.0, 1.0, 1.0, SURROUND, SURROUND};
            case 6:
                return new double[] {1.0, 1.0, 1.0, 0.0, SURROUND, SURROUND};
            case 7:
                return new double[] {1.0, 1.0, 1.0, 0.0, SURROUND, SURROUND, SURROUND};
            case 8:
                return new double[] {1.0, 1.0, 1.0, 0.0, SURROUND, SURROUND, SURROUND, SURROUND};
            default:
                throw new IllegalArgumentException("no BS.1770 layout for " + channels + " channels");
        }
    }
}
