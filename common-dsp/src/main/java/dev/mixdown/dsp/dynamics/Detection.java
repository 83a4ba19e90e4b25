package dev.mixdown.dsp.dynamics;

/** How a compressor hears level: instantaneous peak, or RMS over its release time. */
public enum Detection {
    PEAK, RMS
}
