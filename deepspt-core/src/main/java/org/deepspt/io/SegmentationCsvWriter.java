package org.deepspt.io;

import java.io.Writer;
import java.nio.file.Path;
import java.util.Objects;
import org.deepspt.api.DeepSptException;
import org.deepspt.api.Segmentation;

/**
 * Streams segmentations as CSV: header
 * {@code particle,frame,state,p_normal,p_directed,p_confined,p_subdiffusive}, one row per point; {@code state}
 * is the predicted (argmax) state index 0..3 ({@link org.deepspt.api.DiffusionState#index()}), probabilities
 * are written with round-trip precision. UTF-8, {@code '\n'}. Read back with {@link SegmentationCsvReader}.
 * Not thread-safe.
 */
public final class SegmentationCsvWriter extends TableCsvWriter {
    /** The header columns, in order. */
    static final String[] HEADER = {"particle", "frame", "state", "p_normal", "p_directed", "p_confined",
        "p_subdiffusive"};

    private final Object[] row = new Object[HEADER.length];

    private SegmentationCsvWriter(Writer out) {
        super(out, java.util.List.of(HEADER), "segmentation");
    }

    /**
     * @param file created or truncated
     * @return the writer (close it)
     */
    public static SegmentationCsvWriter open(Path file) {
        return new SegmentationCsvWriter(CsvOut.open(file));
    }

    /**
     * @param out destination, closed by {@link #close()}
     * @return the writer
     */
    public static SegmentationCsvWriter open(Writer out) {
        return new SegmentationCsvWriter(Objects.requireNonNull(out, "out"));
    }

    /**
     * Appends one row per point of {@code s}.
     *
     * @param s the segmentation
     * @throws DeepSptException on write failure
     */
    public void write(Segmentation s) {
        double[] p = s.probabilityMatrix();
        int[] states = s.stateIndices();
        for (int i = 0; i < s.size(); i++) {
            fill(s.trackId(), s.frame(i), states[i], p, 4 * i);
        }
    }

    private void fill(String trackId, int frame, int state, double[] p, int offset) {
        row[0] = CsvOut.text(trackId);
        row[1] = Integer.toString(frame);
        row[2] = Integer.toString(state);
        for (int k = 0; k < 4; k++) {
            row[3 + k] = CsvOut.number(p[offset + k]);
        }
        print(row, trackId);
    }

    /**
     * Appends one row: a single point of a particle, for writers that receive points one at a time (the
     * online segmenter's final states). The state is the argmax (ties go to the lower index, as in
     * {@link Segmentation}).
     *
     * @param particleId the particle
     * @param frame frame index
     * @param probabilities the 4 probabilities in {@link org.deepspt.api.DiffusionState} order
     * @throws DeepSptException on write failure
     */
    public void writeRow(String particleId, int frame, double[] probabilities) {
        if (probabilities.length != 4) {
            throw new IllegalArgumentException("expected 4 probabilities, got " + probabilities.length);
        }
        int best = 0;
        for (int k = 1; k < 4; k++) {
            if (probabilities[k] > probabilities[best]) {
                best = k;
            }
        }
        fill(particleId, frame, best, probabilities, 0);
    }
}
