package org.deepspt.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * An input stream over a source that may still grow (a file the acquisition is writing, a pipe): at the end of
 * the data read so far it waits, polling every {@code pollMillis}, and reports the end only once nothing new
 * arrived for {@code idleMillis}. With {@code idleMillis} ≤ 0 it is the plain stream.
 *
 * <p>When it follows a file, every poll compares the bytes read so far with the file's current size and the
 * file's identity ({@link BasicFileAttributes#fileKey()}, where the file system has one) with the one it had when
 * it was opened: a file that shrank below the read position (truncated), that another file replaced (renamed over
 * it, or deleted and written anew), or that was deleted fails the read with a {@link FollowedFileChangedException}
 * naming the file, instead of reading on at a position that no longer means anything.
 *
 * <p>A {@code stop} condition that turns true ends the stream at the next poll, as the idle time does
 * ({@code stream} interrupted by a signal).
 */
final class FollowingInputStream extends InputStream {
    private final InputStream in;
    private final @Nullable Path file;
    private final @Nullable Object fileKey;
    private final long idleMillis;
    private final long pollMillis;
    /** Bytes returned so far: the read position in the file. */
    private long position;
    private final BooleanSupplier stop;

    /**
     * @param in the open stream, at the start of its data
     * @param idleMillis the end is reported once nothing new arrived for this long; ≤ 0: the plain stream
     * @param pollMillis the wait between two reads at the end of the data
     */
    FollowingInputStream(InputStream in, long idleMillis, long pollMillis) {
        this(in, null, null, idleMillis, pollMillis, () -> false);
    }

    /** As {@link #FollowingInputStream(InputStream, Path, Object, long, long, BooleanSupplier)}, never stopped. */
    FollowingInputStream(InputStream in, @Nullable Path file, @Nullable Object fileKey, long idleMillis,
            long pollMillis) {
        this(in, file, fileKey, idleMillis, pollMillis, () -> false);
    }

    /**
     * A stream over a file that is checked for truncation and replacement at every poll.
     *
     * @param in the stream of {@code file}, just opened (position 0)
     * @param file the followed file, or null: a plain stream (standard input), not checked
     * @param fileKey its identity when it was opened ({@link BasicFileAttributes#fileKey()}), or null where the file
     *     system has none (then only a shrink is noticed)
     * @param idleMillis the end is reported once nothing new arrived for this long
     * @param pollMillis the wait between two reads at the end of the data
     * @param stop turns true when the stream should end (checked at every poll)
     */
    FollowingInputStream(InputStream in, @Nullable Path file, @Nullable Object fileKey, long idleMillis,
            long pollMillis, BooleanSupplier stop) {
        this.in = Objects.requireNonNull(in, "in");
        this.file = file;
        this.fileKey = fileKey;
        this.idleMillis = idleMillis;
        this.pollMillis = pollMillis;
        this.stop = Objects.requireNonNull(stop, "stop");
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
                position += n;
                return n;
            }
            if (idleMillis <= 0) {
                return n;
            }
            if (stop.getAsBoolean()) {
                return -1;
            }
            checkFile();
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

    /** Fails when the followed file shrank below the read position, was replaced or was deleted. */
    private void checkFile() throws IOException {
        if (file == null) {
            return;
        }
        BasicFileAttributes now;
        try {
            now = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new FollowedFileChangedException(file, "was deleted while following it (after " + position
                    + " bytes)");
        }
        if (fileKey != null && !fileKey.equals(now.fileKey())) {
            throw new FollowedFileChangedException(file, "was replaced by another file while following it (after "
                    + position + " bytes); restart the stream to read the new file");
        }
        if (now.size() < position) {
            throw new FollowedFileChangedException(file, "was truncated while following it (" + now.size()
                    + " bytes now, " + position + " bytes read); restart the stream to read it anew");
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
