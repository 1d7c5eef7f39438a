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
import org.deepspt.api.TrueMotion;
import org.deepspt.core.IoReason;
import org.jspecify.annotations.Nullable;

/**
 * Streams trajectories to the DeepSPT CSV flavour: header {@code particle,frame,x,y[,z][,state]}, one row
 * per point, coordinates in µm written with enough digits to parse back to the identical double, UTF-8,
 * {@code '\n'} line ends, ids quoted when they contain a comma, quote or line break.
 *
 * <p>A writer opened with {@link #openWithTrueMotion} (simulated tracks with their generating parameters) writes
 * {@code particle,frame,x,y[,z],true_D,true_alpha,state}: {@value #TRUE_D} the true diffusion coefficient D of the
 * point's segment (µm²/s<sup>α</sup>) and {@value #TRUE_ALPHA} its true anomalous exponent α, both with round-trip
 * precision, so that points of one segment carry equal values; {@code state} stays the last column. Readers of track
 * files ignore the two columns; {@link TrueMotionCsvReader} reads them.
 *
 * <p>The file does not carry the frame interval: pass it with {@link ReadOptions.Builder#frameInterval}
 * when reading it back with {@link TrackReaders} ({@link TrackFormat#DEEPSPT_CSV}); states are restored
 * from the {@code state} column. Not thread-safe.
 */
public final class TrajectoryCsvWriter implements Closeable {
    /** Header of the true diffusion coefficient column (µm²/s<sup>α</sup>). */
    public static final String TRUE_D = "true_D";
    /** Header of the true anomalous exponent column. */
    public static final String TRUE_ALPHA = "true_alpha";

    private final CSVPrinter printer;
    private final int dimension;
    private final boolean withStates;
    private final boolean withTrueMotion;
    private final Object[] row;

    private TrajectoryCsvWriter(Writer out, int dimension, boolean withStates, boolean withTrueMotion) {
        if (dimension != 2 && dimension != 3) {
            throw new IllegalArgumentException("dimension must be 2 or 3, got " + dimension);
        }
        this.dimension = dimension;
        this.withStates = withStates;
        this.withTrueMotion = withTrueMotion;
        int cols = 2 + dimension + (withTrueMotion ? 2 : 0) + (withStates ? 1 : 0);
        String[] header = new String[cols];
        header[0] = "particle";
        header[1] = "frame";
        for (int a = 0; a < dimension; a++) {
            header[2 + a] = Trajectory.axisName(a);
        }
        if (withTrueMotion) {
            header[2 + dimension] = TRUE_D;
            header[3 + dimension] = TRUE_ALPHA;
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
        return new TrajectoryCsvWriter(CsvOut.open(file), dimension, withStates, false);
    }

    /**
     * @param out destination; closed by {@link #close()}
     * @param dimension 2 or 3
     * @param withStates write a {@code state} column
     * @return the writer
     */
    public static TrajectoryCsvWriter open(Writer out, int dimension, boolean withStates) {
        return new TrajectoryCsvWriter(Objects.requireNonNull(out, "out"), dimension, withStates, false);
    }

    /**
     * A writer of tracks with their true states and true D and α per point (header
     * {@code particle,frame,x,y[,z],true_D,true_alpha,state}); write with
     * {@link #write(Trajectory, TrueMotion)}.
     *
     * @param file created or truncated
     * @param dimension 2 or 3: every written trajectory must have it
     * @return the writer (close it)
     */
    public static TrajectoryCsvWriter openWithTrueMotion(Path file, int dimension) {
        return new TrajectoryCsvWriter(CsvOut.open(file), dimension, true, true);
    }

    /**
     * @param out destination; closed by {@link #close()}
     * @param dimension 2 or 3
     * @return the writer of tracks with true states, D and α (see {@link #openWithTrueMotion(Path, int)})
     */
    public static TrajectoryCsvWriter openWithTrueMotion(Writer out, int dimension) {
        return new TrajectoryCsvWriter(Objects.requireNonNull(out, "out"), dimension, true, true);
    }

    /**
     * Appends all points of one trajectory.
     *
     * @param t the trajectory
     * @throws InvalidTrajectoryException when its dimension differs or states are required but absent
     * @throws IllegalStateException when the writer was opened with true-motion columns
     * @throws DeepSptException on write failure
     */
    public void write(Trajectory t) {
        if (withTrueMotion) {
            throw new IllegalStateException("this writer has true_D and true_alpha columns: write(track, truth)");
        }
        writeRows(t, null, null);
    }

    /**
     * Appends all points of one trajectory with its true D and α per point (a writer opened with
     * {@link #openWithTrueMotion}).
     *
     * @param t the trajectory, carrying its true states
     * @param truth its true motion ({@link TrueMotion}: D in µm²/s<sup>α</sup> and α of every point): the track's
     *     id and frames (and states, where it has them), with α known
     * @throws IllegalStateException when the writer has no true-motion columns
     * @throws InvalidTrajectoryException naming the track when its dimension differs, it carries no states, the
     *     truth does not match it ({@link TrueMotion#checkMatches}) or has no α
     * @throws DeepSptException on write failure
     */
    public void write(Trajectory t, TrueMotion truth) {
        if (!withTrueMotion) {
            throw new IllegalStateException("this writer has no true_D and true_alpha columns: write(track)");
        }
        Objects.requireNonNull(truth, "truth");
        truth.checkMatches(t);
        if (!truth.hasAlpha()) {
            throw new InvalidTrajectoryException(t.id(), "its true motion has no alpha, but the writer has a "
                    + TRUE_ALPHA + " column");
        }
        writeRows(t, truth.diffusion(), truth.alpha());
    }

    private void writeRows(Trajectory t, double @Nullable [] trueD, double @Nullable [] trueAlpha) {
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
                if (trueD != null && trueAlpha != null) {
                    row[2 + dimension] = CsvOut.number(trueD[i]);
                    row[3 + dimension] = CsvOut.number(trueAlpha[i]);
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
