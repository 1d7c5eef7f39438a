package org.deepspt.io;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The physical line where each CSV record starts, for error messages. Commons CSV reports the line its parser
 * has reached, which is the record's <em>last</em> line when a quoted field holds line breaks (RFC 4180):
 * {@code 4.5,NaN,"line⏎break",3} on lines 16–17 would be reported at line 17. A record starts on the line
 * after the previous record ends, provided that the format keeps empty lines as records ({@link #FORMAT}
 * does; {@link #isBlank} tells the readers which records to skip).
 *
 * <p>Use: call {@link #next()} once after each record is read, header included. Not thread-safe; one per
 * parser.
 */
final class CsvRecordLines {
    /**
     * Comma-separated, values trimmed, empty lines kept as records so that every physical line belongs to a
     * record and line counting stays exact.
     */
    static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setTrim(true).setIgnoreEmptyLines(false).get();

    private final CSVParser parser;
    private long last;

    /** @param parser a parser that has read no record yet, over a format that keeps empty lines */
    CsvRecordLines(CSVParser parser) {
        this.parser = parser;
        this.last = parser.getCurrentLineNumber();
    }

    /**
     * Records the record just read.
     *
     * @return the 1-based line where it starts
     */
    long next() {
        long start = last + 1;
        last = Math.max(start, parser.getCurrentLineNumber());
        return start;
    }

    /** @return the 1-based line after the last record read: where a record that fails to parse starts */
    long following() {
        return last + 1;
    }

    /**
     * @param rec a record
     * @return whether it is an empty or blank line (one empty value after trimming), to be skipped
     */
    static boolean isBlank(CSVRecord rec) {
        return rec.size() == 1 && rec.get(0).isEmpty();
    }
}
