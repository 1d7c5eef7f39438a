package org.deepspt.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A stream read on a thread of its own ({@code deepspt-stream-input}, a daemon), so that its reader can stop while
 * no data arrive: a read of standard input that waits for data cannot be interrupted, this one returns the end of
 * the input once {@code stop} turns true (checked every {@value #STOP_CHECK_MILLIS} ms while it waits; data that
 * arrive are handed over at once). The thread reads ahead at most {@value #AHEAD} chunks of up to 64 KiB.
 */
final class StoppableInput extends InputStream {
    /** How often a waiting read checks whether to stop, ms. */
    static final long STOP_CHECK_MILLIS = 50;
    /** Chunks read ahead at most. */
    static final int AHEAD = 8;
    private static final byte[] END = new byte[0];

    private final BlockingQueue<Object> chunks = new ArrayBlockingQueue<>(AHEAD);
    private final BooleanSupplier stop;
    private byte[] current = new byte[0];
    private int pos;
    private boolean ended;
    private volatile boolean closed;

    /**
     * @param in the stream to read (not closed by {@link #close()}: standard input)
     * @param stop turns true when reading should stop
     */
    StoppableInput(InputStream in, BooleanSupplier stop) {
        this.stop = stop;
        Thread pump = new Thread(() -> pump(in), "deepspt-stream-input");
        pump.setDaemon(true);
        pump.start();
    }

    private void pump(InputStream in) {
        byte[] buf = new byte[1 << 16];
        try {
            while (!closed) {
                int n = in.read(buf);
                if (n < 0) {
                    hand(END);
                    return;
                }
                if (n > 0) {
                    hand(Arrays.copyOf(buf, n));
                }
            }
        } catch (IOException e) {
            hand(e);
        }
    }

    private void hand(Object chunk) {
        try {
            while (!closed && !chunks.offer(chunk, STOP_CHECK_MILLIS, TimeUnit.MILLISECONDS)) {
                // the reader is busy: wait for room
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (pos == current.length) {
            if (ended || stop.getAsBoolean()) {
                return -1;
            }
            Object next;
            try {
                next = chunks.poll(STOP_CHECK_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading the input");
            }
            if (next == END) {
                ended = true;
                return -1;
            }
            if (next instanceof IOException e) {
                ended = true;
                throw new IOException(e.getMessage(), e);
            }
            if (next != null) {
                current = (byte[]) next;
                pos = 0;
            }
        }
        int n = Math.min(len, current.length - pos);
        System.arraycopy(current, pos, b, off, n);
        pos += n;
        return n;
    }

    /** Stops handing over data; the thread ends at its next chunk (or stays waiting for data, as a daemon). */
    @Override
    public void close() {
        closed = true;
        chunks.clear();
    }
}
