package org.deepspt.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Objects;
import org.apache.commons.csv.CSVPrinter;
import org.deepspt.api.DeepSptException;
import org.deepspt.api.DiffusionState;

/**
 * Streams state-change events as CSV: header {@code particle,frame,from,to,confidence}, one row per
 * change; {@code frame} is the first frame of the new state, {@code from} and {@code to} are state labels
 * ({@link DiffusionState#label()}: {@code normal}, {@code directed}, {@code confined}, {@code subdiffusive}),
 * {@code confidence} is the probability of {@code to} at that frame, written with round-trip precision.
 * UTF-8, {@code '\n'}. Not thread-safe.
 */
public final class StateChangeCsvWriter implements Closeable {
    /** The header columns, in order. */
    static final String[] HEADER = {"particle", "frame", "from", "to", "confidence"};

    private final CSVPrinter printer;
    private final Object[] row = new Object[HEADER.length];

    private StateChangeCsvWriter(Writer out) {
        this.printer = CsvOut.printer(out, HEADER);
    }

    /** @param file created or truncated @return the writer (close it) */
    public static StateChangeCsvWriter open(Path file) {
        return new StateChangeCsvWriter(CsvOut.open(file));
    }

    /** @param out destination, closed by {@link #close()} @return the writer */
    public static StateChangeCsvWriter open(Writer out) {
        return new StateChangeCsvWriter(Objects.requireNonNull(out, "out"));
    }

    /**
     * Appends one event.
     *
     * @param particleId the particle
     * @param frame first frame of the new state
     * @param from previous state
     * @param to new state
     * @param confidence probability of {@code to} at {@code frame}
     * @throws DeepSptException on write failure
     */
    public void write(String particleId, int frame, DiffusionState from, DiffusionState to, double confidence) {
        try {
            row[0] = particleId;
            row[1] = Integer.toString(frame);
            row[2] = from.label();
            row[3] = to.label();
            row[4] = CsvOut.number(confidence);
            printer.printRecord(row);
        } catch (IOException e) {
            throw new DeepSptException("cannot write state change of track '" + particleId + "' at frame "
                    + frame + ": " + e.getMessage(), e);
        }
    }

    /** Flushes and closes the destination. */
    @Override
    public void close() {
        try {
            printer.close(true);
        } catch (IOException e) {
            throw new DeepSptException("cannot close CSV output: " + e.getMessage(), e);
        }
    }
}
