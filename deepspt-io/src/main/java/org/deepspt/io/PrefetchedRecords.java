package org.deepspt.io;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;

/**
 * CSV records read ahead on a background thread, so that lexing (character decoding and Commons CSV's
 * tokenizer, about half of a reader's CPU time on a large file) overlaps with the caller's per-row work
 * (number parsing, track accumulation). Records arrive in file order, in batches of {@value #BATCH}, at most
 * {@value #DEPTH} batches ahead (a few MB); each carries the physical line where it starts
 * ({@link CsvRecordLines}). A failure of the underlying iterator (an I/O error, a malformed quoted field) is
 * rethrown by {@link #next()}, wrapped in {@link FailedRead}, at the position where it happened: after the
 * records before it. After {@link #close()} the parser is where the one-thread reading would have left it.
 *
 * <p>Only for sources whose reads cannot block indefinitely (files): {@link #close()} waits for the reading
 * thread to stop. One consumer thread.
 */
final class PrefetchedRecords implements AutoCloseable {
    static final int BATCH = 2048;
    static final int DEPTH = 8;

    /** A record and the 1-based line where it starts. */
    record Item(CSVRecord record, long line) {
    }

    /** The reading thread's failure: a RuntimeException or an Error (an Error must not leave the consumer waiting). */
    private record Failure(Throwable error) {
    }

    private static final Object END = new Object();

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(DEPTH);
    private final Thread thread;
    private volatile boolean closed;
    private List<Item> batch = List.of();
    private int position;
    private boolean ended;

    private PrefetchedRecords(Iterator<CSVRecord> records, CsvRecordLines lines, String source) {
        thread = new Thread(() -> produce(records, lines), "deepspt-csv-read " + source);
        thread.setDaemon(true);
    }

    /**
     * Starts reading ahead.
     *
     * @param records the parser's iterator, positioned after the records already consumed (header)
     * @param lines the parser's line counter, used by the reading thread from now on
     * @param source name for the thread
     * @return the read-ahead (close it)
     */
    static PrefetchedRecords start(Iterator<CSVRecord> records, CsvRecordLines lines, String source) {
        PrefetchedRecords p = new PrefetchedRecords(records, lines, source);
        p.thread.start();
        return p;
    }

    private void produce(Iterator<CSVRecord> records, CsvRecordLines lines) {
        List<Item> out = new ArrayList<>(BATCH);
        try {
            Object last = END;
            try {
                while (!closed && records.hasNext()) {
                    CSVRecord r = records.next();
                    out.add(new Item(r, lines.next()));
                    if (out.size() == BATCH) {
                        put(out);
                        out = new ArrayList<>(BATCH);
                    }
                }
            } catch (RuntimeException | Error e) {
                last = new Failure(e);   // after the records read before it
            }
            put(out);
            put(last);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void put(Object o) throws InterruptedException {
        while (!closed) {
            if (queue.offer(o, 50, TimeUnit.MILLISECONDS)) {
                return;
            }
        }
    }

    /**
     * @return the next record, or null after the last
     * @throws FailedRead when reading failed before the next record
     */
    @Nullable Item next() {
        while (position == batch.size()) {
            if (ended) {
                return null;
            }
            Object o;
            try {
                o = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading", e);
            }
            if (o == END) {
                ended = true;
                return null;
            }
            if (o instanceof Failure f) {
                ended = true;
                if (f.error() instanceof Error e) {
                    throw e;
                }
                throw new FailedRead((RuntimeException) f.error());
            }
            @SuppressWarnings("unchecked")
            List<Item> b = (List<Item>) o;
            batch = b;
            position = 0;
        }
        return batch.get(position++);
    }

    /** Stops the reading thread and waits for it. */
    @Override
    public void close() {
        closed = true;
        queue.clear();
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The reading thread's failure, rethrown on the consumer's thread. */
    static final class FailedRead extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FailedRead(RuntimeException cause) {
            super(cause.getMessage(), cause);
        }

        /** @return what the reading thread threw */
        RuntimeException error() {
            return (RuntimeException) getCause();
        }
    }
}
