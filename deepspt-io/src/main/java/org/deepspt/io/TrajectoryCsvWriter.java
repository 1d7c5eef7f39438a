package org.deepspt.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Objects;
import org.apache.commons.csv.CSVPrinter;
import org.deepspt.api.DeepSptException;
import org.deepspt.api.InvalidTrajectoryException;
import org.deepspt.api.Trajectory;
import org.deepspt.core.IoReason;

/**
 * Streams trajectories to the DeepSPT CSV flavour: header {@code particle,frame,x,y[,z][,state]}, one row
 * per point, coordinates in µm written with enough digits to parse back to the identical double, UTF-8,
 * {@code '\n'} line ends, ids quoted when they contain a comma, quote or line break.
 *
 * <p>The file does not carry the frame interval: pass it with {@link ReadOptions.Builder#frameInterval}
 * when reading it back with {@link TrackReaders} ({@link TrackFormat#DEEPSPT_CSV}); states are restored
 * from the {@code state} column. Not thread-safe.
 */
public final class TrajectoryCsvWriter implements Closeable {
    private final CSVPrinter printer;
    private final int dimension;
    private final boolean withStates;
    private final Object[] row;

    private TrajectoryCsvWriter(Writer out, int dimension, boolean withStates) {
        if (dimension != 2 && dimension != 3) {
            throw new IllegalArgumentException("dimension must be 2 or 3, got " + dimension);
        }
        this.dimension = dimension;
        this.withStates = withStates;
        int cols = 2 + dimension + (withStates ? 1 : 0);
        String[] header = new String[cols];
        header[0] = "particle";
        header[1] = "frame";
        for (int a = 0; a < dimension; a++) {
            header[2 + a] = Trajectory.axisName(a);
        }
        if (withStates) {
            header[cols - 1] = "state";
        }
        this.row = new Object[cols];
        this.printer = CsvOut.printer(out, header);
    }

    /**
     * @param file created or truncated
     * @param dimension 2 or 3: every written trajectory must have it
     * @param withStates write a {@code state} column (every written trajectory must carry states)
     * @return the writer (close it)
     */
    public static TrajectoryCsvWriter open(Path file, int dimension, boolean withStates) {
        return new TrajectoryCsvWriter(CsvOut.open(file), dimension, withStates);
    }

    /**
     * @param out destination; closed by {@link #close()}
     * @param dimension 2 or 3
     * @param withStates write a {@code state} column
     * @return the writer
     */
    public static TrajectoryCsvWriter open(Writer out, int dimension, boolean withStates) {
        return new TrajectoryCsvWriter(Objects.requireNonNull(out, "out"), dimension, withStates);
    }

    /**
     * Appends all points of one trajectory.
     *
     * @param t the trajectory
     * @throws InvalidTrajectoryException when its dimension differs or states are required but absent
     * @throws DeepSptException on write failure
     */
    public void write(Trajectory t) {
        if (t.dimension() != dimension) {
            throw new InvalidTrajectoryException(t.id(), "is " + t.dimension() + "D but the writer is "
                    + dimension + "D");
        }
        if (withStates && !t.hasStates()) {
            throw new InvalidTrajectoryException(t.id(), "carries no true states but the writer has a state"
                    + " column");
        }
        int[] states = withStates ? t.stateIndices() : null;
        try {
            for (int i = 0; i < t.size(); i++) {
                row[0] = CsvOut.text(t.id());
                row[1] = Integer.toString(t.frame(i));
                for (int a = 0; a < dimension; a++) {
                    row[2 + a] = CsvOut.number(t.coordinate(i, a));
                }
                if (states != null) {
                    row[row.length - 1] = Integer.toString(states[i]);
                }
                printer.printRecord(row);
            }
        } catch (IOException e) {
            throw new DeepSptException("cannot write track '" + t.id() + "': " + IoReason.of(e), e);
        }
    }

    /** Flushes and closes the destination. */
    @Override
    public void close() {
        try {
            printer.close(true);
        } catch (IOException e) {
            throw new DeepSptException("cannot close CSV output: " + IoReason.of(e), e);
        }
    }
}
