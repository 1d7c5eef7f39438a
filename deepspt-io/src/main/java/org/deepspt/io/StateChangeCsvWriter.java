package org.deepspt.io;

import java.io.Writer;
import java.nio.file.Path;
import java.util.Objects;
import org.deepspt.api.DeepSptException;
import org.deepspt.api.DiffusionState;

/**
 * Streams state-change events as CSV: header {@code particle,track,frame,from,to,confidence}, one row per
 * change; {@code track} is the track's serial number ({@link org.deepspt.online.FrameState#track()}); {@code frame} is the first frame of the new state, {@code from} and {@code to} are state labels
 * ({@link DiffusionState#label()}: {@code normal}, {@code directed}, {@code confined}, {@code subdiffusive}),
 * {@code confidence} is the probability of {@code to} at that frame, written with round-trip precision.
 * UTF-8, {@code '\n'}. Not thread-safe.
 */
public final class StateChangeCsvWriter extends TableCsvWriter {
    /** The header columns, in order. */
    static final String[] HEADER = {"particle", "track", "frame", "from", "to", "confidence"};

    private final Object[] row = new Object[HEADER.length];

    private StateChangeCsvWriter(Writer out) {
        super(out, java.util.List.of(HEADER), "state change");
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
     * @param track the track's serial number
     * @param frame first frame of the new state
     * @param from previous state
     * @param to new state
     * @param confidence probability of {@code to} at {@code frame}
     * @throws DeepSptException on write failure
     */
    public void write(String particleId, long track, int frame, DiffusionState from, DiffusionState to, double confidence) {
        row[0] = CsvOut.text(particleId);
        row[1] = Long.toString(track);
        row[2] = Integer.toString(frame);
        row[3] = from.label();
        row[4] = to.label();
        row[5] = CsvOut.number(confidence);
        print(row, particleId);
    }
}
