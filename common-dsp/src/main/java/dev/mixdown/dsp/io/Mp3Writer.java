package dev.mixdown.dsp.io;

import de.sciss.jump3r.lowlevel.LameEncoder;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes MP3 (MPEG-1 Layer III, constant bit rate, joint stereo) through jump3r, a Java port of
 * LAME. Input is quantised to 16 bits, as LAME takes it; dither before this point if wanted.
 */
final class Mp3Writer extends FileSink {
    private final LameEncoder encoder;
    private final OutputStream out;
    private final byte[] pcm;
    private final byte[] mp3;
    private int fill;
    private boolean closed;

    Mp3Writer(Path path, OutputFormat format, int kbps) throws IOException {
        super(path, format);
        javax.sound.sampled.AudioFormat source = new javax.sound.sampled.AudioFormat(format.sampleRate(), 16, format.channels(), true, false);
        int mode = format.channels() == 1 ? LameEncoder.CHANNEL_MODE_MONO : LameEncoder.CHANNEL_MODE_JOINT_STEREO;
        this.encoder = new LameEncoder(source, kbps, mode, LameEncoder.QUALITY_HIGH, false);
        this.pcm = new byte[encoder.getPCMBufferSize()];
        this.mp3 = new byte[encoder.getMP3BufferSize()];
        this.out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16);
    }

    @Override
    public void write(float[][] planar, int offset, int frames) throws IOException {
        int channels = format.channels();
        for (int i = 0; i < frames; i++) {
            for (int ch = 0; ch < channels; ch++) {
                int v = SampleQuantizer.toInt(planar[ch][offset + i], 16);
                pcm[fill++] = (byte) v;
                pcm[fill++] = (byte) (v >> 8);
            }
            if (fill + 2 * channels > pcm.length) {
                encode();
            }
        }
        framesWritten += frames;
    }

    private void encode() throws IOException {
        if (fill > 0) {
            int n = encoder.encodeBuffer(pcm, 0, fill, mp3);
            out.write(mp3, 0, n);
            fill = 0;
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            encode();
            int n = encoder.encodeFinish(mp3);
            out.write(mp3, 0, n);
        } finally {
            encoder.close();
            out.close();
        }
    }
}
