package org.deepspt.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.deepspt.api.DeepSptException;
import org.deepspt.api.TrackIssue;
import org.deepspt.core.IoReason;
import org.deepspt.io.FrameStateCsvWriter;
import org.deepspt.io.IssueReportWriter;
import org.deepspt.io.OutputTransaction;
import org.deepspt.io.StateChangeCsvWriter;
import org.deepspt.online.FrameState;
import org.deepspt.online.StateChange;
import org.jspecify.annotations.Nullable;

/**
 * The outputs of {@code stream}, written while it runs, so that an acquisition program can read the final states
 * as they become final.
 *
 * <p><b>Start.</b> {@link #open} creates every output when the stream starts: its header (the error report: the
 * issues known by then) goes to a temporary file beside the target, and all of them replace their targets together
 * ({@link OutputTransaction#commit()}: an existing file is replaced in one rename, never truncated, so a reader sees
 * the old file or the new one with its header; a program that has the old file open keeps reading the old content).
 * The rows are then appended to the new files. Standard output ({@code --out -}) and a target that is not a regular
 * file (a named pipe) are written in place.
 *
 * <p><b>Whole rows.</b> Rows are collected in memory and appended whole, in one write per file and flush: between
 * two writes each file ends at the end of a row (never a row cut off for longer than a write takes, unlike a
 * buffered writer's blocks). A reader that reads while a write is under way (microseconds; the system copies it
 * page by page) may get the first part of its last row, as with any file that grows: it takes the lines that end
 * with a line break and reads the rest at its next poll. The collected rows are written {@value #FLUSH_DELAY_MILLIS} ms after the first of them arrived, on a thread
 * of this object's (so that a frame's rows, delivered together, are written together, and an output never waits for
 * the next frame), and at {@link #close()}. A write that fails cuts the file back to its last whole row and stops
 * the writing of every output ({@link #failure()}); the rows written before stay.
 *
 * <p><b>End.</b> {@link #close()} writes the rows still collected and closes the files; {@link #finishReport} then
 * replaces the error report with the complete one (atomically, as at the start).
 *
 * <p>Threads: {@link #state} and {@link #change} are called on the online segmenter's delivery thread, the
 * flushes on this object's thread; one lock serialises them. {@link #open} and {@link #close()} on the command's
 * thread.
 */
final class LiveOutputs implements AutoCloseable {
    /** Delay between the first row collected and the write of the rows collected by then, ms. */
    static final long FLUSH_DELAY_MILLIS = 5;

    private final Object lock = new Object();
    private final FrameStateCsvWriter states;
    private final @Nullable StateChangeCsvWriter events;
    private final String statesName;
    private final @Nullable String eventsName;
    private final Thread flusher;
    /** Rows collected and not written yet. */
    private boolean dirty;
    private boolean closing;
    /**
     * The first failed write; then nothing more is written. Volatile: the stream's stop condition reads it on the
     * reading thread, without the lock.
     */
    private volatile @Nullable DeepSptException failure;
    /** Final states written (collected). */
    private long rows;
    /** Final states in the states output when its last write succeeded. */
    private long rowsWritten;

    private LiveOutputs(FrameStateCsvWriter states, String statesName, @Nullable StateChangeCsvWriter events,
            @Nullable String eventsName) {
        this.states = states;
        this.events = events;
        this.statesName = statesName;
        this.eventsName = eventsName;
        this.flusher = new Thread(this::flushLoop, "deepspt-stream-outputs");
        flusher.setDaemon(true);
    }

    /**
     * Creates the outputs (replacing existing files) with their headers, and the error report with the issues known
     * now.
     *
     * @param out the states file, or null for standard output
     * @param stdout standard output (used when {@code out} is null; flushed, never closed)
     * @param events the state-change file, or null for none
     * @param report the error report, or null for none
     * @param issues the issues known at the start (a replayed file's), for the report
     * @return the open outputs (close them)
     * @throws DeepSptException naming the file that could not be created (then none was)
     */
    static LiveOutputs open(@Nullable Path out, PrintWriter stdout, @Nullable Path events, @Nullable Path report,
            List<TrackIssue> issues) {
        List<Writer> opened = new ArrayList<>();
        try (OutputTransaction tx = OutputTransaction.begin()) {
            Writer statesOut = out == null ? new StandardOutput(stdout) : RowFile.open(tx.stage(out), out);
            opened.add(statesOut);
            FrameStateCsvWriter states = FrameStateCsvWriter.open(statesOut);
            states.flush();   // the header first
            StateChangeCsvWriter changes = null;
            if (events != null) {
                Writer eventsOut = RowFile.open(tx.stage(events), events);
                opened.add(eventsOut);
                changes = StateChangeCsvWriter.open(eventsOut);
                changes.flush();
            }
            if (report != null) {
                IssueReportWriter.write(tx.stage(report), issues);
            }
            tx.commit();
            LiveOutputs outputs = new LiveOutputs(states, out == null ? StreamCommand.STANDARD_OUTPUT : out.toString(), changes,
                    events == null ? null : events.toString());
            outputs.flusher.start();
            return outputs;
        } catch (RuntimeException e) {
            for (Writer w : opened) {
                try {
                    w.close();
                } catch (IOException | RuntimeException ignored) {
                    // the creation failed: that failure is the one reported
                }
            }
            throw e;
        }
    }

    /**
     * Replaces the error report with the complete one.
     *
     * @param report the report file
     * @param issues every issue of the run
     * @throws DeepSptException naming the file when it cannot be written
     */
    static void finishReport(Path report, List<TrackIssue> issues) {
        try (OutputTransaction tx = OutputTransaction.begin()) {
            IssueReportWriter.write(tx.stage(report), issues);
            tx.commit();
        }
    }

    /** @param s a final state, appended to the states output (delivery thread) */
    void state(FrameState s) {
        synchronized (lock) {
            if (failure != null) {
                return;
            }
            try {
                states.writeRow(s.particleId(), s.track(), s.frame(), s.probabilities());
            } catch (DeepSptException e) {
                fail(statesName, e);
                return;
            }
            rows++;
            collected();
        }
    }

    /** @param c a state change, appended to the events output if there is one (delivery thread) */
    void change(StateChange c) {
        if (events == null) {
            return;
        }
        synchronized (lock) {
            if (failure != null) {
                return;
            }
            try {
                events.write(c.particleId(), c.track(), c.frame(), c.from(), c.to(), c.confidence());
            } catch (DeepSptException e) {
                fail(eventsName, e);
                return;
            }
            collected();
        }
    }

    private void collected() {
        if (!dirty) {
            dirty = true;
            lock.notifyAll();
        }
    }

    private void fail(@Nullable String name, DeepSptException e) {
        failure = new DeepSptException("cannot write " + name + ": " + reason(e) + "; the outputs hold the rows "
                + "written before (" + rowsWritten + " final state" + (rowsWritten == 1 ? "" : "s") + "), whole, and "
                + "nothing after", e);
    }

    private static String reason(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof IOException io) {
                return IoReason.of(io);
            }
        }
        return String.valueOf(e.getMessage());
    }

    /**
     * @return the first write that failed (then nothing was written after it), or null; any thread, without
     *     waiting for a write under way
     */
    @Nullable DeepSptException failure() {
        return failure;
    }

    /** @return the final states collected for the states output */
    long rows() {
        synchronized (lock) {
            return rows;
        }
    }

    private void flushLoop() {
        try {
            while (true) {
                synchronized (lock) {
                    while (!dirty && !closing) {
                        lock.wait();
                    }
                    if (closing) {
                        return;   // close() writes the rest
                    }
                }
                Thread.sleep(FLUSH_DELAY_MILLIS);   // the rest of the frame's rows, delivered together
                synchronized (lock) {
                    flushLocked();
                }
            }
        } catch (InterruptedException e) {
            // close() writes the rest
        }
    }

    private void flushLocked() {
        dirty = false;
        if (failure != null) {
            return;
        }
        try {
            states.flush();
        } catch (DeepSptException e) {
            fail(statesName, e);
            return;
        }
        rowsWritten = rows;
        if (events != null) {
            try {
                events.flush();
            } catch (DeepSptException e) {
                fail(eventsName, e);
            }
        }
    }

    /**
     * Writes the rows still collected and closes the files (standard output is flushed, not closed); idempotent.
     * Call it once the online segmenter has delivered every event (after its {@code close()}).
     */
    @Override
    public void close() {
        synchronized (lock) {
            if (closing) {
                return;
            }
            closing = true;
            lock.notifyAll();
        }
        boolean interrupted = false;
        while (flusher.isAlive()) {
            try {
                flusher.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        synchronized (lock) {
            flushLocked();
            closeQuietly(states, statesName);
            if (events != null) {
                closeQuietly(events, eventsName);
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeQuietly(java.io.Closeable w, @Nullable String name) {
        try {
            w.close();
        } catch (IOException | DeepSptException e) {
            if (failure == null) {
                fail(name, e instanceof DeepSptException d ? d : new DeepSptException(reason(e), e));
            }
        }
    }

    /**
     * A file written at once: each {@link #write(char[], int, int)} encodes its characters (UTF-8) and writes them
     * with the file's channel, so that the file holds what the writers handed over (whole rows) and nothing
     * collected in between. A write that fails cuts a regular file back to the end of the last whole write, and
     * every later write fails.
     */
    private static final class RowFile extends Writer {
        private final FileChannel channel;
        private final boolean regular;
        private final CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        private ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
        /** Bytes written by whole writes. */
        private long whole;
        private @Nullable IOException failed;

        private RowFile(FileChannel channel, boolean regular) {
            this.channel = channel;
            this.regular = regular;
        }

        /**
         * @param file the file to write (a staged temporary file, or the target itself when it is not a regular
         *     file)
         * @param target the output, for messages
         */
        static RowFile open(Path file, Path target) {
            try {
                boolean regular = !Files.exists(file) || Files.isRegularFile(file);
                return new RowFile(FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.CREATE),
                        regular);
            } catch (IOException e) {
                throw new DeepSptException("cannot write " + target + ": " + IoReason.of(e), e);
            }
        }

        @Override
        public void write(char[] chars, int off, int len) throws IOException {
            if (failed != null) {
                throw new IOException("an earlier write failed: " + failed.getMessage(), failed);
            }
            int need = 3 * len + 16;   // UTF-8: at most 3 bytes per char
            if (bytes.capacity() < need) {
                bytes = ByteBuffer.allocate(need);
            }
            bytes.clear();
            encoder.reset();
            encoder.encode(CharBuffer.wrap(chars, off, len), bytes, true);
            encoder.flush(bytes);
            bytes.flip();
            int n = bytes.remaining();
            try {
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
            } catch (IOException e) {
                failed = e;
                if (regular) {
                    try {
                        channel.truncate(whole);
                    } catch (IOException ignored) {
                        // the write's failure is the one reported
                    }
                }
                throw e;
            }
            whole += n;
        }

        @Override
        public void flush() {
            // every write reaches the file at once
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /** Standard output: written through, flushed at every flush, never closed (the command line owns it). */
    private static final class StandardOutput extends Writer {
        private final PrintWriter out;

        StandardOutput(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void write(char[] chars, int off, int len) throws IOException {
            out.write(chars, off, len);
            check();
        }

        @Override
        public void flush() throws IOException {
            out.flush();
            check();
        }

        private void check() throws IOException {
            if (out.checkError()) {
                throw new IOException("standard output was closed");
            }
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
