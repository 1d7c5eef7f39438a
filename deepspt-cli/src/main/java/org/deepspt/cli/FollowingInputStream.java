package org.deepspt.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;

/**
 * An input stream over a source that may still grow (a file the acquisition is writing, a pipe): at the end of
 * the data read so far it waits, polling every {@code pollMillis}, and reports the end only once nothing new
 * arrived for {@code idleMillis}. With {@code idleMillis} ≤ 0 it is the plain stream.
 */
final class FollowingInputStream extends InputStream {
    private final InputStream in;
    private final long idleMillis;
    private final long pollMillis;

    FollowingInputStream(InputStream in, long idleMillis, long pollMillis) {
        this.in = in;
        this.idleMillis = idleMillis;
        this.pollMillis = pollMillis;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        long waitingSince = -1;
        while (true) {
            int n = in.read(b, off, len);
            if (n > 0) {
                return n;
            }
            if (idleMillis <= 0) {
                return n;
            }
            long now = System.nanoTime();
            if (waitingSince < 0) {
                waitingSince = now;
            } else if ((now - waitingSince) / 1_000_000 >= idleMillis) {
                return -1;
            }
            try {
                Thread.sleep(pollMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while following the input");
            }
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
