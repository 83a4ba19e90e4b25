package dev.mixdown.dsp.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes RIFF WAVE: 16/24-bit PCM or 32-bit float. More than two channels use
 * WAVE_FORMAT_EXTENSIBLE with the standard speaker mask. Sizes are patched on close.
 */
final class WavWriter extends FileSink {
    private static final int BUFFER_FRAMES = 8192;
    private static final long MAX_DATA_BYTES = 0xFFFFFFFFL - 100;
    private static final int[] CHANNEL_MASKS = {0x4, 0x3, 0x7, 0x33, 0x37, 0x3F, 0x13F, 0x63F};

    private final FileChannel channel;
    private final int bytesPerSample;
    private final ByteBuffer buffer;
    private final long dataSizeOffset;
    private final long factOffset;
    private boolean closed;

    WavWriter(Path path, OutputFormat format) throws IOException {
        super(path, format);
        this.bytesPerSample = format.depth().bits / 8;
        this.channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        this.buffer = ByteBuffer.allocate(BUFFER_FRAMES * format.channels() * bytesPerSample).order(ByteOrder.LITTLE_ENDIAN);

        boolean isFloat = format.depth().encoding == SampleEncoding.FLOAT;
        boolean extensible = format.channels() > 2;
        ByteBuffer h = ByteBuffer.allocate(80).order(ByteOrder.LITTLE_ENDIAN);
        h.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(0);
        h.put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        h.put("fmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(extensible ? 40 : 16);
        int tag = isFloat ? 3 : 1;
        h.putShort((short) (extensible ? 0xFFFE : tag));
        h.putShort((short) format.channels());
        h.putInt(format.sampleRate());
        h.putInt(format.sampleRate() * format.channels() * bytesPerSample);
        h.putShort((short) (format.channels() * bytesPerSample));
        h.putShort((short) format.depth().bits);
        if (extensible) {
            h.putShort((short) 22);
            h.putShort((short) format.depth().bits);
            h.putInt(CHANNEL_MASKS[format.channels() - 1]);
            // KSDATAFORMAT_SUBTYPE_PCM / _IEEE_FLOAT: {tag}-0000-0010-8000-00AA00389B71
            h.putShort((short) tag).putShort((short) 0).putShort((short) 0).putShort((short) 0x10);
            h.put(new byte[] {(byte) 0x80, 0x00, 0x00, (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71});
        }
        long fact = -1;
        if (isFloat) {
            h.put("fact".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(4);
            fact = h.position();
            h.putInt(0);
        }
        h.put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        this.dataSizeOffset = h.position();
        h.putInt(0);
        this.factOffset = fact;
        h.flip();
        writeFully(h, 0);
    }

    @Override
    public void write(float[][] planar, int offset, int frames) throws IOException {
        int channels = format.channels();
        int done = 0;
        while (done < frames) {
            int n = Math.min(BUFFER_FRAMES, frames - done);
            long after = (framesWritten + n) * channels * bytesPerSample;
            if (after > MAX_DATA_BYTES) {
                throw new AudioFileException(path, "WAV data would exceed 4 GiB; write FLAC instead");
            }
            buffer.clear();
            for (int i = 0; i < n; i++) {
                for (int ch = 0; ch < channels; ch++) {
                    float s = planar[ch][offset + done + i];
                    switch (format.depth()) {
                        case PCM_16:
                            buffer.putShort((short) SampleQuantizer.toInt(s, 16));
                            break;
                        case PCM_24:
                            int v = SampleQuantizer.toInt(s, 24);
                            buffer.put((byte) v).put((byte) (v >> 8)).put((byte) (v >> 16));
                            break;
                        default:
                            buffer.putFloat(s);
                    }
                }
            }
            buffer.flip();
            writeFully(buffer, dataSizeOffset + 4 + framesWritten * channels * bytesPerSample);
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
            long dataBytes = framesWritten * format.channels() * bytesPerSample;
            long end = dataSizeOffset + 4 + dataBytes;
            if ((dataBytes & 1) != 0) {
                writeFully(ByteBuffer.wrap(new byte[] {0}), end); // chunks are padded to even length
                end++;
            }
            ByteBuffer n = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            writeFully(n.putInt(0, (int) (end - 8)).rewind(), 4);
            writeFully(n.putInt(0, (int) dataBytes).rewind(), dataSizeOffset);
            if (factOffset >= 0) {
                writeFully(n.putInt(0, (int) framesWritten).rewind(), factOffset);
            }
        } finally {
            channel.close();
        }
    }

    private void writeFully(ByteBuffer b, long at) throws IOException {
        long pos = at;
        while (b.hasRemaining()) {
            pos += channel.write(b, pos);
        }
    }
}
