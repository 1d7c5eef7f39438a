package org.deepspt.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * The three outputs of {@link DeepSptSpark#analyze}, lazily computed from one persisted Dataset of per-track
 * rows (so writing all three runs the pipeline once):
 * <ul>
 *   <li>{@link #frames()}: {@code group…, particle, frame, state, p_normal, p_directed, p_confined,
 *       p_subdiffusive}, one row per point of every processed track, as
 *       {@link org.deepspt.io.SegmentationCsvWriter} writes them ({@code state} 0..3 is the argmax);</li>
 *   <li>{@link #tracks()}: {@code group…, particle, <fingerprint features…>} and, with a classifier,
 *       {@code label, probability, p_<class>…}, one row per processed track (as
 *       {@link org.deepspt.io.FingerprintCsvWriter} and {@link org.deepspt.io.PredictionCsvWriter});</li>
 *   <li>{@link #issues()}: {@code group…, particle, kind, detail} (as {@link org.deepspt.io.IssueReportWriter}):
 *       tracks rejected or modified while assembled (gaps, duplicate frames, NaN, short tracks) or rejected by
 *       the pipeline (too short for the model, a failed fit).</li>
 * </ul>
 * Every input track is in {@link #tracks()} (under its id or as pieces {@code <id>.k}) or has a REJECTED
 * issue under its id. {@code particle} is the id as text. Call {@link #close()} when the outputs are written,
 * to free the cached rows.
 */
public final class SparkAnalysis implements AutoCloseable {
    private final Dataset<Row> rows;
    private final TrackRows layout;

    SparkAnalysis(Dataset<Row> rows, TrackRows layout) {
        this.rows = rows;
        this.layout = layout;
    }

    private List<Column> keyColumns() {
        List<Column> c = new ArrayList<>();
        for (String g : layout.groups().fieldNames()) {
            c.add(DeepSptSpark.col(g));
        }
        c.add(DeepSptSpark.col(TrackRows.PARTICLE));
        return c;
    }

    /** @return one row per point of every processed track */
    public Dataset<Row> frames() {
        List<Column> c = keyColumns();
        c.add(functions.explode(DeepSptSpark.col(TrackRows.POINTS)).as("pt"));
        List<Column> out = new ArrayList<>();
        for (String g : layout.groups().fieldNames()) {
            out.add(DeepSptSpark.col(g));
        }
        out.add(DeepSptSpark.col(TrackRows.PARTICLE));
        for (String p : TrackRows.POINT_COLUMNS) {
            out.add(functions.col("pt." + p).as(p));
        }
        return rows.where(DeepSptSpark.col(TrackRows.KIND).isNull()).select(c.toArray(Column[]::new))
                .select(out.toArray(Column[]::new));
    }

    /** @return one row per processed track: fingerprint and, with a classifier, the prediction */
    public Dataset<Row> tracks() {
        List<Column> c = keyColumns();
        for (String f : layout.features()) {
            c.add(DeepSptSpark.col(f));
        }
        if (layout.classified()) {
            c.add(DeepSptSpark.col(TrackRows.LABEL));
            c.add(DeepSptSpark.col(TrackRows.PROBABILITY));
            for (String k : layout.classes()) {
                c.add(DeepSptSpark.col("p_" + k));
            }
        }
        return rows.where(DeepSptSpark.col(TrackRows.KIND).isNull()).select(c.toArray(Column[]::new));
    }

    /** @return one row per rejected or modified track */
    public Dataset<Row> issues() {
        List<Column> c = keyColumns();
        c.add(DeepSptSpark.col(TrackRows.KIND));
        c.add(DeepSptSpark.col(TrackRows.DETAIL));
        return rows.where(DeepSptSpark.col(TrackRows.KIND).isNotNull()).select(c.toArray(Column[]::new));
    }

    /** @return the fingerprint columns of {@link #tracks()}, in order (unmodifiable) */
    public List<String> featureNames() {
        return layout.features();
    }

    /** @return the classifier's classes ({@code p_<class>} columns), empty without a classifier */
    public List<String> classes() {
        return layout.classes();
    }

    /** Frees the persisted per-track rows; the Datasets are recomputed if used afterwards. */
    @Override
    public void close() {
        rows.unpersist();
    }
}
