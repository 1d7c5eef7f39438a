package org.deepspt.io;

import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.deepspt.api.Fingerprint;

/**
 * Streams fingerprints to CSV: header {@code particle,<feature names>}, one row per track, values as
 * {@link Double#toString} (NaN where a feature is undefined). {@link FingerprintCsv#read} reads it back.
 * Not thread-safe.
 */
public final class FingerprintCsvWriter extends TableCsvWriter {
    private final List<String> names;
    private final Object[] row;

    private FingerprintCsvWriter(Writer out, List<String> names) {
        super(out, header(names), "fingerprint");
        this.names = List.copyOf(names);
        this.row = new Object[names.size() + 1];
    }

    private static List<String> header(List<String> names) {
        List<String> h = new ArrayList<>(names.size() + 1);
        h.add(FingerprintCsv.ID_COLUMN);
        h.addAll(names);
        return h;
    }

    /**
     * @param file destination (created or overwritten)
     * @param featureNames the columns after {@code particle}
     * @return the writer; close it
     */
    public static FingerprintCsvWriter open(Path file, List<String> featureNames) {
        return new FingerprintCsvWriter(CsvOut.open(file), featureNames);
    }

    /**
     * @param out destination (closed by {@link #close()})
     * @param featureNames the columns after {@code particle}
     * @return the writer
     */
    public static FingerprintCsvWriter open(Writer out, List<String> featureNames) {
        return new FingerprintCsvWriter(Objects.requireNonNull(out, "out"), featureNames);
    }

    /**
     * @param f a fingerprint with exactly the header's feature names, in order
     * @throws IllegalArgumentException when its names differ
     */
    public void write(Fingerprint f) {
        if (!f.names().equals(names)) {
            throw new IllegalArgumentException("track '" + f.trackId() + "' has other feature names than the "
                    + "header");
        }
        row[0] = CsvOut.text(f.trackId());
        for (int j = 0; j < names.size(); j++) {
            row[j + 1] = CsvOut.number(f.value(j));
        }
        print(row, f.trackId());
    }
}
