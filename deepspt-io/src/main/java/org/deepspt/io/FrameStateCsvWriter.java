package org.deepspt.io;

import java.io.Writer;
import java.nio.file.Path;
import java.util.Objects;
import org.deepspt.api.DeepSptException;

/**
 * Streams the final states of an online segmentation as CSV: header
 * {@code particle,track,frame,state,p_normal,p_directed,p_confined,p_subdiffusive}, one row per (track, frame);
 * {@code track} is the track's serial number ({@link org.deepspt.online.FrameState#track()}: an id reused after
 * its track ended gets a new one), {@code state} the argmax state index 0..3, probabilities with round-trip
 * precision. Without the {@code track} column it is the format of {@link SegmentationCsvWriter}. UTF-8,
 * {@code '\n'}. Not thread-safe.
 */
public final class FrameStateCsvWriter extends TableCsvWriter {
    /** The header columns, in order. */
    static final String[] HEADER = {"particle", "track", "frame", "state", "p_normal", "p_directed", "p_confined",
        "p_subdiffusive"};

    private final Object[] row = new Object[HEADER.length];

    private FrameStateCsvWriter(Writer out) {
        super(out, java.util.List.of(HEADER), "frame state");
    }

    /** @param file created or truncated @return the writer (close it) */
    public static FrameStateCsvWriter open(Path file) {
        return new FrameStateCsvWriter(CsvOut.open(file));
    }

    /** @param out destination, closed by {@link #close()} @return the writer */
    public static FrameStateCsvWriter open(Writer out) {
        return new FrameStateCsvWriter(Objects.requireNonNull(out, "out"));
    }

    /**
     * Appends one row.
     *
     * @param particleId the particle
     * @param track the track's serial number
     * @param frame frame index
     * @param probabilities the 4 probabilities in {@link org.deepspt.api.DiffusionState} order
     * @throws DeepSptException on write failure
     */
    public void writeRow(String particleId, long track, int frame, double[] probabilities) {
        if (probabilities.length != 4) {
            throw new IllegalArgumentException("expected 4 probabilities, got " + probabilities.length);
        }
        int best = 0;
        for (int k = 1; k < 4; k++) {
            if (probabilities[k] > probabilities[best]) {
                best = k;
            }
        }
        row[0] = CsvOut.text(particleId);
        row[1] = Long.toString(track);
        row[2] = Integer.toString(frame);
        row[3] = Integer.toString(best);
        for (int k = 0; k < 4; k++) {
            row[4 + k] = CsvOut.number(probabilities[k]);
        }
        print(row, particleId);
    }
}
