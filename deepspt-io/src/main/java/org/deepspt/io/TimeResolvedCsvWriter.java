package org.deepspt.io;

import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.deepspt.fingerprint.FeatureMatrix;

/**
 * Streams time-resolved fingerprints to CSV: header {@code particle,frame,<feature names>}, one row per
 * point of each track. Not thread-safe.
 */
public final class TimeResolvedCsvWriter extends TableCsvWriter {
    private final int columns;

    private TimeResolvedCsvWriter(Writer out, List<String> names) {
        super(out, header(names), "time-resolved fingerprint");
        this.columns = names.size();
    }

    private static List<String> header(List<String> names) {
        List<String> h = new ArrayList<>(names.size() + 2);
        h.add("particle");
        h.add("frame");
        h.addAll(names);
        return h;
    }

    /**
     * @param file destination (created or overwritten)
     * @param featureNames the feature columns
     * @return the writer; close it
     */
    public static TimeResolvedCsvWriter open(Path file, List<String> featureNames) {
        return new TimeResolvedCsvWriter(CsvOut.open(file), featureNames);
    }

    /**
     * @param out destination (closed by {@link #close()})
     * @param featureNames the feature columns
     * @return the writer
     */
    public static TimeResolvedCsvWriter open(Writer out, List<String> featureNames) {
        return new TimeResolvedCsvWriter(Objects.requireNonNull(out, "out"), featureNames);
    }

    /** @param m one track's per-point features; its columns must match the header */
    public void write(FeatureMatrix m) {
        if (m.columns() != columns) {
            throw new IllegalArgumentException("track '" + m.trackId() + "' has " + m.columns()
                    + " feature columns, the header " + columns);
        }
        int[] frames = m.frames();
        String id = m.trackId();
        String cell = firstCell(CsvOut.text(id));
        for (int i = 0; i < m.rows(); i++) {
            StringBuilder b = rowBuffer();
            b.append(cell).append(CsvOut.DELIMITER).append(frames[i]);
            for (int j = 0; j < columns; j++) {
                b.append(CsvOut.DELIMITER).append(CsvOut.number(m.get(i, j)));
            }
            endRow(id);
        }
    }
}
