package org.deepspt.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import org.apache.commons.csv.CSVPrinter;
import org.deepspt.api.DeepSptException;

/**
 * The row-writing core shared by the per-format writers: RFC 4180 quoting where needed (commons-csv
 * {@code MINIMAL}), {@code '\n'} line ends, UTF-8, numbers that parse back exactly
 * ({@link Double#toString}; NaN for undefined values). Not thread-safe.
 */
abstract class TableCsvWriter implements Closeable {
    private final CSVPrinter printer;
    private final String what;

    TableCsvWriter(Writer out, List<String> header, String what) {
        this.printer = CsvOut.printer(out, header);
        this.what = what;
    }

    /** Prints one record. */
    final void print(Object[] row, String trackId) {
        try {
            printer.printRecord(row);
        } catch (IOException e) {
            throw new DeepSptException("cannot write " + what + " of track '" + trackId + "': " + IoReason.of(e), e);
        }
    }

    /** Flushes and closes the destination. */
    @Override
    public void close() {
        try {
            printer.close(true);
        } catch (IOException e) {
            throw new DeepSptException("cannot close " + what + " output: " + IoReason.of(e), e);
        }
    }
}
