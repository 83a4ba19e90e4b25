package dev.mixdown.dsp.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import javazoom.jl.decoder.Bitstream;
import javazoom.jl.decoder.BitstreamException;
import javazoom.jl.decoder.Decoder;
import javazoom.jl.decoder.DecoderException;
import javazoom.jl.decoder.Header;
import javazoom.jl.decoder.SampleBuffer;

/**
 * Reads MP3 through JLayer's decoder, frame by frame, as 16-bit samples scaled to float. Used to
 * check a lossy deliverable after decoding, and to take MP3 reference tracks.
 */
final class Mp3Reader implements AudioSource {
    private final Path path;
    private final InputStream stream;
    private final Bitstream bitstream;
    private final Decoder decoder = new Decoder();
    private final AudioStreamInfo info;
    private short[] frame;
    private int frameLength;
    private int frameOffset;
    private Header pending;

    private Mp3Reader(Path path, InputStream stream) throws IOException {
        this.path = path;
        this.stream = stream;
        this.bitstream = new Bitstream(stream);
        try {
            pending = bitstream.readFrame();
        } catch (BitstreamException e) {
            throw new AudioFileException(path, "unreadable MP3: " + e.getMessage(), e);
        }
        if (pending == null) {
            throw new AudioFileException(path, "no MP3 frame found");
        }
        int channels = pending.mode() == Header.SINGLE_CHANNEL ? 1 : 2;
        int rate = pending.frequency();
        AudioLimits.check(path, rate, channels);
        this.info = new AudioStreamInfo("MP3", rate, channels, 16, SampleEncoding.SIGNED_INT, -1);
    }

    static AudioSource open(Path path, FileChannel channel) throws IOException {
        InputStream in = new BufferedInputStream(Channels.newInputStream(channel), 1 << 16);
        try {
            return new Mp3Reader(path, in);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public AudioStreamInfo info() {
        return info;
    }

    @Override
    public int read(float[][] planar, int offset, int maxFrames) throws IOException {
        int channels = info.channels();
        while (frameOffset >= frameLength) {
            if (!nextFrame()) {
                return -1;
            }
        }
        int n = Math.min(maxFrames, frameLength - frameOffset);
        for (int i = 0; i < n; i++) {
            int base = (frameOffset + i) * channels;
            for (int ch = 0; ch < channels; ch++) {
                planar[ch][offset + i] = frame[base + ch] * (1f / 32768f);
            }
        }
        frameOffset += n;
        return n;
    }

    private boolean nextFrame() throws IOException {
        try {
            Header h = pending != null ? pending : bitstream.readFrame();
            pending = null;
            if (h == null) {
                return false;
            }
            SampleBuffer out = (SampleBuffer) decoder.decodeFrame(h, bitstream);
            bitstream.closeFrame();
            frame = out.getBuffer();
            frameLength = out.getBufferLength() / info.channels();
            frameOffset = 0;
            return true;
        } catch (BitstreamException | DecoderException | RuntimeException e) {
            throw new AudioFileException(path, "corrupt MP3 frame: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            bitstream.close();
        } catch (BitstreamException e) {
            // the stream is closed below either way
        }
        stream.close();
    }
}
