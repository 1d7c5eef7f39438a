package org.deepspt.io;

import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.deepspt.api.Prediction;

/**
 * Streams classifier predictions to CSV: header {@code particle,label,probability,p_<class>...} in the
 * classifier's class order; a class probability the prediction lacks is written as NaN. The label is
 * {@link Prediction#UNCERTAIN} when the classifier abstained. Not thread-safe.
 */
public final class PredictionCsvWriter extends TableCsvWriter {
    private final List<String> classes;
    private final Object[] row;

    private PredictionCsvWriter(Writer out, List<String> classes) {
        super(out, header(classes), "prediction");
        this.classes = List.copyOf(classes);
        this.row = new Object[classes.size() + 3];
    }

    private static List<String> header(List<String> classes) {
        List<String> h = new ArrayList<>(List.of("particle", "label", "probability"));
        classes.forEach(c -> h.add("p_" + c));
        return h;
    }

    /**
     * @param file destination (created or overwritten)
     * @param classes the classifier's labels, in order
     * @return the writer; close it
     */
    public static PredictionCsvWriter open(Path file, List<String> classes) {
        return new PredictionCsvWriter(CsvOut.open(file), classes);
    }

    /**
     * @param out destination (closed by {@link #close()})
     * @param classes the classifier's labels, in order
     * @return the writer
     */
    public static PredictionCsvWriter open(Writer out, List<String> classes) {
        return new PredictionCsvWriter(Objects.requireNonNull(out, "out"), classes);
    }

    /** @param p one track's prediction */
    public void write(Prediction p) {
        row[0] = CsvOut.text(p.trackId());
        row[1] = CsvOut.text(p.label());
        row[2] = CsvOut.number(p.probability());
        for (int c = 0; c < classes.size(); c++) {
            Double v = p.classProbabilities().get(classes.get(c));
            row[c + 3] = CsvOut.number(v == null ? Double.NaN : v);
        }
        print(row, p.trackId());
    }
}
