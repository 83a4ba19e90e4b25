package dev.mixdown.dsp.io;

/** How one sample is stored in a file. */
public enum SampleEncoding {
    /** Two's complement integers (WAV above 8 bits, AIFF, FLAC). */
    SIGNED_INT,
    /** Offset binary integers (8-bit WAV). */
    UNSIGNED_INT,
    /** IEEE 754 floating point, 32 or 64 bits. */
    FLOAT
}
