package dev.mixdown.dsp.io;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Decodes another source on a background thread, a bounded number of blocks ahead, so that
 * decoding (FLAC is the costly one) and processing use two cores. Memory stays bounded: the
 * blocks are allocated once and recycled. A decoding error surfaces from {@link #read} as it would
 * have from the wrapped source.
 */
public final class ReadAheadSource implements AudioSource {
    private static final int BLOCK_FRAMES = 16_384;
    private static final int BLOCKS = 4;

    private final AudioSource inner;
    private final BlockingQueue<Block> filled = new ArrayBlockingQueue<>(BLOCKS + 1);
    private final BlockingQueue<Block> free = new ArrayBlockingQueue<>(BLOCKS);
    private final Thread reader;
    private volatile boolean closed;
    private Block current;
    private int currentOffset;

    private static final class Block {
        final float[][] samples;
        int frames;
        IOException error;
        boolean end;

        Block(int channels) {
            samples = new float[channels][BLOCK_FRAMES];
        }
    }

    public ReadAheadSource(AudioSource inner) {
        this.inner = inner;
        for (int i = 0; i < BLOCKS; i++) {
            free.add(new Block(inner.info().channels()));
        }
        this.reader = new Thread(this::fill, "read-ahead " + inner.path().getFileName());
        reader.setDaemon(true);
        reader.start();
    }

    private void fill() {
        try {
            while (!closed) {
                Block b = free.take();
                b.frames = 0;
                try {
                    while (b.frames < BLOCK_FRAMES) {
                        int n = inner.read(b.samples, b.frames, BLOCK_FRAMES - b.frames);
                        if (n < 0) {
                            b.end = true;
                            break;
                        }
                        b.frames += n;
                    }
                } catch (IOException e) {
                    b.error = e;
                } catch (RuntimeException e) {
                    b.error = new AudioFileException(inner.path(), "cannot decode: " + e, e);
                }
                filled.put(b);
                if (b.end || b.error != null) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public Path path() {
        return inner.path();
    }

    @Override
    public AudioStreamInfo info() {
        return inner.info();
    }

    @Override
    public int read(float[][] planar, int offset, int maxFrames) throws IOException {
        while (current == null || currentOffset >= current.frames) {
            if (current != null) {
                if (current.error != null) {
                    throw current.error;
                }
                if (current.end) {
                    return -1;
                }
                free.add(current);
            }
            try {
                current = filled.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading " + inner.path());
            }
            currentOffset = 0;
        }
        int n = Math.min(maxFrames, current.frames - currentOffset);
        for (int ch = 0; ch < planar.length; ch++) {
            System.arraycopy(current.samples[ch], currentOffset, planar[ch], offset, n);
        }
        currentOffset += n;
        return n;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        reader.interrupt();
        try {
            reader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        inner.close();
    }
}
