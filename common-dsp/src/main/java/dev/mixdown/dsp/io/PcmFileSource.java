package dev.mixdown.dsp.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Reads uncompressed PCM from one contiguous byte range of a file (the data chunk of a WAV file,
 * the sound data of an AIFF file), a bounded buffer at a time.
 */
final class PcmFileSource implements AudioSource {
    private static final int BUFFER_FRAMES = 8192;

    private final Path path;
    private final FileChannel channel;
    private final AudioStreamInfo info;
    private final PcmDecoder decoder;
    private final long dataEnd;
    private final byte[] bytes;
    private final ByteBuffer buffer;
    private long position;

    PcmFileSource(Path path, FileChannel channel, AudioStreamInfo info, PcmDecoder decoder, long dataStart, long dataLength) {
        this.path = path;
        this.channel = channel;
        this.info = info;
        this.decoder = decoder;
        this.position = dataStart;
        this.dataEnd = dataStart + dataLength;
        this.bytes = new byte[BUFFER_FRAMES * decoder.bytesPerFrame()];
        this.buffer = ByteBuffer.wrap(bytes);
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
        int frameBytes = decoder.bytesPerFrame();
        long framesLeft = (dataEnd - position) / frameBytes;
        if (framesLeft <= 0) {
            return -1;
        }
        int frames = (int) Math.min(Math.min(maxFrames, BUFFER_FRAMES), framesLeft);
        int want = frames * frameBytes;
        buffer.clear().limit(want);
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + buffer.position());
            if (n < 0) {
                throw new AudioFileException(path, "file ends inside the audio data, at byte " + (position + buffer.position())
                        + " of " + dataEnd + " (truncated)");
            }
        }
        decoder.decode(bytes, frames, planar, offset);
        position += want;
        return frames;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
