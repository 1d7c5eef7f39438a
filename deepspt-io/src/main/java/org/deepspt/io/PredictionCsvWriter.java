package org.deepspt.io;

import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.deepspt.api.Abstention;
import org.deepspt.api.Prediction;

/**
 * Streams classifier predictions to CSV: header {@code particle,label,probability,p_<class>...} in the
 * classifier's class order, then the per-track columns ({@link TrackColumns}), then {@code reason}; a class
 * probability the prediction lacks is written as NaN. The label is {@link Prediction#UNCERTAIN} when the classifier
 * abstained, and {@code reason} names why ({@link #reasonText}); it is empty for a class label. Not thread-safe.
 */
public final class PredictionCsvWriter extends TableCsvWriter {
    /** The first columns of every prediction file (the class probabilities follow). */
    static final List<String> HEADER = List.of("particle", "label", "probability");
    /** Header of the last column, why the classifier abstained. */
    public static final String REASON = "reason";

    private final List<String> classes;
    private final Object[] row;
    private final TrackColumns extra;

    private PredictionCsvWriter(Writer out, List<String> classes, TrackColumns extra) {
        super(out, header(classes, extra), "prediction");
        this.classes = List.copyOf(classes);
        this.extra = extra;
        this.row = new Object[classes.size() + 4 + extra.names().size()];
    }

    private static List<String> header(List<String> classes, TrackColumns extra) {
        List<String> h = new ArrayList<>(HEADER);
        classes.forEach(c -> h.add("p_" + c));
        h.addAll(extra.names());
        h.add(REASON);
        return h;
    }

    /**
     * @param file destination (created or overwritten)
     * @param classes the classifier's labels, in order
     * @param extra per-track columns after the class probabilities ({@code file}, {@code input_track},
     *     {@code interpolated_points})
     * @return the writer; close it
     */
    public static PredictionCsvWriter open(Path file, List<String> classes, TrackColumns extra) {
        return new PredictionCsvWriter(CsvOut.open(file), classes, Objects.requireNonNull(extra, "extra"));
    }

    /**
     * @param file destination (created or overwritten)
     * @param classes the classifier's labels, in order
     * @return the writer; close it
     */
    public static PredictionCsvWriter open(Path file, List<String> classes) {
        return new PredictionCsvWriter(CsvOut.open(file), classes, TrackColumns.NONE);
    }

    /**
     * @param out destination (closed by {@link #close()})
     * @param classes the classifier's labels, in order
     * @return the writer
     */
    public static PredictionCsvWriter open(Writer out, List<String> classes) {
        return new PredictionCsvWriter(Objects.requireNonNull(out, "out"), classes, TrackColumns.NONE);
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
        int k = classes.size() + 3;
        if (!extra.isEmpty()) {
            for (String v : extra.values(p.trackId())) {
                row[k++] = v;
            }
        }
        row[k] = CsvOut.text(reasonText(p));
        print(row, p.trackId());
    }

    /**
     * @param p a prediction
     * @return the {@code reason} cell's text: each rule that made the classifier abstain, joined by {@code ;}:
     *     {@code missing_features:M/N} (M of the model's N features missing, more than half) and
     *     {@code below_threshold:P<T} (top probability P below the threshold T), e.g.
     *     {@code missing_features:24/40;below_threshold:0.5<0.6}; empty for a class label (and for an abstention
     *     whose classifier gives no reason)
     */
    public static String reasonText(Prediction p) {
        StringBuilder b = new StringBuilder();
        for (Abstention a : p.abstentions()) {
            b.append(b.length() == 0 ? "" : ";").append(a.reason().code()).append(':');
            switch (a.reason()) {
                case MISSING_FEATURES -> b.append((long) a.measured()).append('/').append((long) a.limit());
                case BELOW_THRESHOLD -> b.append(CsvOut.number(a.measured())).append('<')
                        .append(CsvOut.number(a.limit()));
            }
        }
        return b.toString();
    }
}
