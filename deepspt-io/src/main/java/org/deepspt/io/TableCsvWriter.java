package org.deepspt.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import org.deepspt.api.DeepSptException;
import org.deepspt.core.IoReason;

/**
 * The row-writing core shared by the per-format writers: RFC 4180 quoting where needed (commons-csv
 * {@code MINIMAL}), {@code '\n'} line ends, UTF-8, numbers that parse back exactly
 * ({@link Double#toString}; NaN for undefined values). Not thread-safe.
 *
 * <p>Rows are collected in a character buffer and handed to the destination in pieces of about
 * {@value #CHUNK} characters, so that the per-row cost carries no locking: the cells are formatted by the
 * same code as {@link org.apache.commons.csv.CSVPrinter#printRecord(Object...)} ({@code CSVFormat.print} of
 * {@link CsvOut#FORMAT}), and the bytes are the same as that printer's. Writers of large tables append their
 * rows directly ({@link #rowBuffer()}, {@link #endRow(String)}) with a first cell formatted once per track
 * ({@link #firstCell(Object)}).
 */
abstract class TableCsvWriter implements Closeable {
    /** Characters collected before they are written to the destination. */
    static final int CHUNK = 1 << 16;

    private final Writer out;
    private final String what;
    private final StringBuilder buffer = new StringBuilder(CHUNK + 1024);
    private char[] chars = new char[0];

    TableCsvWriter(Writer out, List<String> header, String what) {
        this.out = out;
        this.what = what;
        try {
            appendRecord(header.toArray());
        } catch (IOException e) {
            throw new DeepSptException("cannot write CSV header: " + IoReason.of(e), e);
        }
    }

    /**
     * @param value the first cell of a row (a track id through {@link CsvOut#text})
     * @return the cell as {@link CsvOut#FORMAT} prints it at the start of a record (quoted where needed)
     */
    static String firstCell(Object value) {
        StringBuilder sb = new StringBuilder();
        try {
            CsvOut.FORMAT.print(value, sb, true);
        } catch (IOException e) {
            throw new IllegalStateException("a StringBuilder does not fail", e);
        }
        return sb.toString();
    }

    /** Prints one record: each value as {@code CSVPrinter.printRecord} prints it. */
    final void print(Object[] row, String trackId) {
        try {
            appendRecord(row);
        } catch (IOException e) {
            throw failure(trackId, e);
        }
        endRecord(trackId);
    }

    private void appendRecord(Object[] row) throws IOException {
        for (int i = 0; i < row.length; i++) {
            CsvOut.FORMAT.print(row[i], buffer, i == 0);
        }
        buffer.append(CsvOut.RECORD_SEPARATOR);
    }

    /**
     * @return the buffer to append one row to, cells separated by {@link CsvOut#DELIMITER}, without its
     *     line end; the caller formats the cells exactly as {@link CsvOut#FORMAT} would (its first cell with
     *     {@link #firstCell}, numbers from {@link CsvOut#number} and integers, which are never quoted), then
     *     calls {@link #endRow(String)}
     */
    final StringBuilder rowBuffer() {
        return buffer;
    }

    /**
     * Ends the row appended to {@link #rowBuffer()}.
     *
     * @param trackId the row's track, for the error message
     * @throws DeepSptException on write failure
     */
    final void endRow(String trackId) {
        buffer.append(CsvOut.RECORD_SEPARATOR);
        endRecord(trackId);
    }

    private void endRecord(String trackId) {
        if (buffer.length() >= CHUNK) {
            try {
                drain();
            } catch (IOException e) {
                throw failure(trackId, e);
            }
        }
    }

    private DeepSptException failure(String trackId, IOException e) {
        return new DeepSptException("cannot write " + what + " of track '" + trackId + "': " + IoReason.of(e), e);
    }

    /** Writes the buffered characters to the destination in one call (no copy as a String). */
    private void drain() throws IOException {
        int n = buffer.length();
        if (n == 0) {
            return;
        }
        if (chars.length < n) {
            chars = new char[Math.max(n, CHUNK + 1024)];
        }
        buffer.getChars(0, n, chars, 0);
        buffer.setLength(0);
        out.write(chars, 0, n);
    }

    /**
     * Writes the rows collected so far to the destination and flushes it. The destination receives whole rows only,
     * at this call as at every other write, so that a destination which writes what it receives at once (such as
     * {@code deepspt stream}'s live outputs) ends at the end of a row after each call.
     *
     * @throws DeepSptException on write failure
     */
    public void flush() {
        try {
            drain();
            out.flush();
        } catch (IOException e) {
            throw new DeepSptException("cannot write " + what + " output: " + IoReason.of(e), e);
        }
    }

    /** Writes what is buffered, flushes and closes the destination. */
    @Override
    public void close() {
        try (Writer w = out) {
            drain();
            w.flush();
        } catch (IOException e) {
            throw new DeepSptException("cannot close " + what + " output: " + IoReason.of(e), e);
        }
    }
}
