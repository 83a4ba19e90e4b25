package dev.mixdown.dsp.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import org.jflac.ChannelData;
import org.jflac.FLACDecoder;
import org.jflac.FrameListener;
import org.jflac.frame.Frame;
import org.jflac.metadata.Metadata;
import org.jflac.metadata.StreamInfo;

/**
 * The reference decoder for tests: FLAC through jFLAC (the decoder the Java ecosystem uses), one
 * frame at a time; our own {@link FlacDecoder} must produce the same samples.
 *
 * <p>FLAC through jFLAC's decoder, one frame at a time. jFLAC reports bad frames to a listener and
 * carries on with silence; this reader turns any such report into an error naming the file, so a
 * corrupt stem is never mixed as zeros.
 */
final class JflacReader implements AudioSource, FrameListener {
    private final Path path;
    private final InputStream stream;
    private final FLACDecoder decoder;
    private final AudioStreamInfo info;
    private final float scale;
    private String decodeError;
    private int[][] frame;
    private int frameLength;
    private int frameOffset;
    private long framesDelivered;

    private JflacReader(Path path, InputStream stream) throws IOException {
        this.path = path;
        this.stream = stream;
        this.decoder = new FLACDecoder(stream);
        decoder.addFrameListener(this);
        StreamInfo si;
        try {
            decoder.readMetadata();
            si = decoder.getStreamInfo();
        } catch (IOException | RuntimeException e) {
            throw new AudioFileException(path, "unreadable FLAC header: " + e.getMessage(), e);
        }
        if (si == null) {
            throw new AudioFileException(path, "FLAC file has no STREAMINFO block");
        }
        AudioLimits.check(path, si.getSampleRate(), si.getChannels());
        int bits = si.getBitsPerSample();
        if (bits < 4 || bits > 32) {
            throw new AudioFileException(path, "unsupported FLAC depth of " + bits + " bits");
        }
        long total = si.getTotalSamples();
        this.info = new AudioStreamInfo("FLAC", si.getSampleRate(), si.getChannels(), bits,
                SampleEncoding.SIGNED_INT, total > 0 ? total : -1);
        this.scale = (float) (1.0 / (1L << (bits - 1)));
        this.frame = new int[si.getChannels()][];
    }

    static AudioSource open(Path path, FileChannel channel) throws IOException {
        InputStream in = new BufferedInputStream(Channels.newInputStream(channel), 1 << 16);
        try {
            return new JflacReader(path, in);
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
        if (frameOffset >= frameLength && !nextFrame()) {
            return -1;
        }
        int n = Math.min(maxFrames, frameLength - frameOffset);
        for (int ch = 0; ch < frame.length; ch++) {
            int[] src = frame[ch];
            float[] dst = planar[ch];
            for (int i = 0; i < n; i++) {
                dst[offset + i] = src[frameOffset + i] * scale;
            }
        }
        frameOffset += n;
        framesDelivered += n;
        return n;
    }

    private boolean nextFrame() throws IOException {
        long total = info.frames();
        if (total > 0 && decoder.getSamplesDecoded() >= total) {
            return false;
        }
        Frame f;
        try {
            f = decoder.readNextFrame();
        } catch (IOException | RuntimeException e) {
            throw new AudioFileException(path, "corrupt FLAC data after sample " + framesDelivered + ": " + e, e);
        }
        if (decodeError != null && decodeError.contains("EOFException")) {
            throw new AudioFileException(path, "FLAC stream ends inside the frame after sample " + framesDelivered
                    + (total > 0 ? " of " + total : "") + " (truncated)");
        }
        if (decodeError != null) {
            throw new AudioFileException(path, "corrupt FLAC frame after sample " + framesDelivered + ": " + decodeError);
        }
        if (f == null) {
            if (total > 0 && decoder.getSamplesDecoded() < total) {
                throw new AudioFileException(path, "FLAC stream ends after " + decoder.getSamplesDecoded()
                        + " of " + total + " samples (truncated)");
            }
            return false;
        }
        if (f.header.channels != frame.length) {
            throw new AudioFileException(path, "FLAC frame after sample " + framesDelivered + " has "
                    + f.header.channels + " channels, the stream " + frame.length);
        }
        ChannelData[] data = decoder.getChannelData();
        for (int ch = 0; ch < frame.length; ch++) {
            frame[ch] = data[ch].getOutput();
        }
        frameLength = f.header.blockSize;
        if (total > 0) {
            frameLength = (int) Math.min(frameLength, total - framesDelivered);
        }
        frameOffset = 0;
        return frameLength > 0;
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }

    @Override
    public void processMetadata(Metadata metadata) {
        // metadata blocks are read in the constructor; nothing to do per block
    }

    @Override
    public void processFrame(Frame f) {
        // frames are pulled one at a time in nextFrame()
    }

    @Override
    public void processError(String msg) {
        if (decodeError == null) {
            decodeError = msg;
        }
    }
}
