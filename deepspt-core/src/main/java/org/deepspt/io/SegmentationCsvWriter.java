package org.deepspt.io;

import java.io.Writer;
import java.nio.file.Path;
import java.util.Objects;
import org.deepspt.api.DeepSptException;
import org.deepspt.api.Segmentation;
import org.jspecify.annotations.Nullable;

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

    /** The id of the last row written by {@link #writeRow} and its first cell. */
    private @Nullable String lastId;
    private String lastCell = "";

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
        String id = s.trackId();
        String cell = firstCell(CsvOut.text(id));
        for (int i = 0; i < s.size(); i++) {
            append(cell, id, s.frame(i), states[i], p, 4 * i);
        }
    }

    /** One row, as {@code CSVPrinter} prints {@code text(id), frame, state, number(p[offset..offset + 3])}. */
    private void append(String idCell, String trackId, int frame, int state, double[] p, int offset) {
        StringBuilder b = rowBuffer();
        b.append(idCell).append(CsvOut.DELIMITER).append(frame).append(CsvOut.DELIMITER).append(state);
        for (int k = 0; k < 4; k++) {
            b.append(CsvOut.DELIMITER).append(CsvOut.number(p[offset + k]));
        }
        endRow(trackId);
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
        if (!particleId.equals(lastId)) {
            lastCell = firstCell(CsvOut.text(particleId));
            lastId = particleId;
        }
        append(lastCell, particleId, frame, best, probabilities, 0);
    }
}
