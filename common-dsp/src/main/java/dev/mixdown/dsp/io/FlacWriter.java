package dev.mixdown.dsp.io;

import java.io.IOException;
import java.nio.file.Path;
import net.sourceforge.javaflacencoder.FLACEncoder;
import net.sourceforge.javaflacencoder.FLACFileOutputStream;
import net.sourceforge.javaflacencoder.StreamConfiguration;

/**
 * Writes FLAC (16 or 24 bit) through javaFlacEncoder, which fills in STREAMINFO (length, MD5) on close.
 */
final class FlacWriter extends FileSink {
    private static final int BLOCK_SIZE = 4096;

    private final FLACEncoder encoder;
    private final FLACFileOutputStream out;
    private final int bits;
    private final int[] interleaved;
    private boolean closed;

    FlacWriter(Path path, OutputFormat format) throws IOException {
        super(path, format);
        this.bits = format.depth().bits;
        this.out = new FLACFileOutputStream(path.toFile());
        if (!out.isValid()) {
            throw new AudioFileException(path, "cannot open for writing");
        }
        StreamConfiguration sc = new StreamConfiguration(format.channels(), BLOCK_SIZE, BLOCK_SIZE, format.sampleRate(), bits);
        this.encoder = new FLACEncoder();
        encoder.setThreadCount(1);
        if (!encoder.setStreamConfiguration(sc)) {
            out.close();
            throw new AudioFileException(path, "FLAC encoder rejected " + format);
        }
        encoder.setOutputStream(out);
        encoder.openFLACStream();
        this.interleaved = new int[BLOCK_SIZE * format.channels()];
    }

    @Override
    public void write(float[][] planar, int offset, int frames) throws IOException {
        int channels = format.channels();
        int done = 0;
        while (done < frames) {
            int n = Math.min(BLOCK_SIZE, frames - done);
            int k = 0;
            for (int i = 0; i < n; i++) {
                for (int ch = 0; ch < channels; ch++) {
                    interleaved[k++] = SampleQuantizer.toInt(planar[ch][offset + done + i], bits);
                }
            }
            encoder.addSamples(interleaved, n);
            int ready = encoder.fullBlockSamplesAvailableToEncode();
            if (ready > 0) {
                encoder.encodeSamples(ready, false);
            }
            framesWritten += n;
            done += n;
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            encoder.encodeSamples(encoder.samplesAvailableToEncode(), true);
        } finally {
            out.close();
        }
    }
}
