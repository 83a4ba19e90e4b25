package dev.mixdown.dsp.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/** Positional reads of small header fields, failing with the file's name when the file ends early. */
final class ChunkReader {
    private final Path path;
    private final FileChannel channel;
    private final long size;
    private final ByteOrder order;

    ChunkReader(Path path, FileChannel channel, ByteOrder order) throws IOException {
        this.path = path;
        this.channel = channel;
        this.size = channel.size();
        this.order = order;
    }

    long size() {
        return size;
    }

    /** Reads exactly {@code length} bytes at {@code offset}; {@code what} names them in the error. */
    ByteBuffer read(long offset, int length, String what) throws IOException {
        if (offset + length > size) {
            throw new AudioFileException(path, what + " at byte " + offset + " needs " + length
                    + " bytes, but the file ends at byte " + size + " (truncated)");
        }
        ByteBuffer buf = ByteBuffer.allocate(length).order(order);
        while (buf.hasRemaining()) {
            if (channel.read(buf, offset + buf.position()) < 0) {
                throw new AudioFileException(path, "file ends inside " + what + " (truncated)");
            }
        }
        return buf.flip();
    }

    static String fourCc(ByteBuffer buf) {
        char[] c = new char[4];
        for (int i = 0; i < 4; i++) {
            int b = buf.get() & 0xff;
            c[i] = b >= 32 && b < 127 ? (char) b : '?';
        }
        return new String(c);
    }
}
