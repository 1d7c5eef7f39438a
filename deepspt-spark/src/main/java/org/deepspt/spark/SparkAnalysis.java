package org.deepspt.spark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.deepspt.api.InputFormatException;

/**
 * The four outputs of {@link DeepSptSpark#analyze}, lazily computed from one persisted Dataset of per-track
 * rows (so writing all four runs the pipeline once):
 * <ul>
 *   <li>{@link #frames()}: {@code group…, particle, frame, state, p_normal, p_directed, p_confined,
 *       p_subdiffusive, reliable, reason, segment, x, y[, z], interpolated}, one row per point of every processed
 *       track, as {@link org.deepspt.io.SegmentationCsvWriter} writes them with the point columns ({@code state}
 *       0..3 is the argmax; the coordinates in µm as segmented; {@code interpolated} true for a point made up over
 *       a missing frame);</li>
 *   <li>{@link #segments()}: {@code group…, particle, segment, first_frame, last_frame, points, state,
 *       mean_probability, D, D_se, alpha, alpha_se, lags, fit_status}, one row per segment of every processed
 *       track, as {@link org.deepspt.io.SegmentsCsvWriter} writes them (D in µm²/s^α, α);</li>
 *   <li>{@link #tracks()}: {@code group…, particle, <fingerprint features…>, msd_fit_at_bound, msd_fit_status,
 *       dimension, frame_interval_s, length_unit, segmenter, post_processing, fingerprint_version} and, with a
 *       classifier,
 *       {@code label, probability, p_<class>…}, one row per processed track (as
 *       {@link org.deepspt.io.FingerprintCsvWriter} and {@link org.deepspt.io.PredictionCsvWriter});</li>
 *   <li>{@link #issues()}: {@code group…, particle, kind, detail} (as {@link org.deepspt.io.IssueReportWriter}):
 *       tracks rejected or modified while assembled (gaps, duplicate frames, NaN, short tracks) or rejected by
 *       the pipeline (too short for the model, a failed fit).</li>
 * </ul>
 * Every input track is in {@link #tracks()} (under its id or as pieces {@code <id>.k}) or has a REJECTED
 * issue under its id. {@code particle} is the id as text. Call {@link #close()} when the outputs are written,
 * to free the cached rows.
 *
 * <p>The first call of {@link #frames()}, {@link #tracks()} or {@link #issues()} runs the pipeline (one Spark
 * action; the rows are cached for the others) and throws an {@link InputFormatException} when the input has a
 * malformed cell (text that is not a number, a frame outside ±(2³¹ − 1), a missing frame) or, under
 * {@link org.deepspt.io.NonFinitePolicy#ERROR}, a non-finite coordinate: the first such row in (group…,
 * particle) order, as a reader reports the first bad line, with the number of other tracks in error. No output
 * is then available, so nothing is written from a partly read input.
 */
public final class SparkAnalysis implements AutoCloseable {
    private final Dataset<Row> rows;
    private final TrackRows layout;
    private final int partitions;
    private final List<String> warnings;
    private boolean checked;

    SparkAnalysis(Dataset<Row> rows, TrackRows layout, int partitions, List<String> warnings) {
        this.rows = rows;
        this.layout = layout;
        this.partitions = partitions;
        this.warnings = List.copyOf(warnings);
    }

    /**
     * How the fingerprints of this analysis differ from those the classifier was trained on, one line each without
     * a prefix, as the CLI's {@code classify} and the Fiji plugin word them ({@link
     * org.deepspt.classify.ContextCheck#warnings}): at most one line naming the parts that differ (frame interval,
     * length unit, segmenter, post-processing, fingerprint version; the labels may be wrong) and one on the parts
     * that cannot be checked. Known when {@link DeepSptSpark#analyze} returns (no Spark job runs for it) and logged
     * there as warnings; empty without a classifier.
     *
     * @return the warnings (unmodifiable)
     */
    public List<String> warnings() {
        return warnings;
    }

    /** @return the partitions the tracks were hashed into (see {@link AnalyzeOptions#partitions(int)}) */
    public int partitions() {
        return partitions;
    }

    /** Runs the pipeline once and raises the first input error, if any. */
    private synchronized void check() {
        if (checked) {
            return;
        }
        Dataset<Row> errors = rows.where(DeepSptSpark.col(TrackRows.KIND).equalTo(TrackRows.ERROR));
        long n = errors.count();
        if (n > 0) {
            Row first = errors.orderBy(keyColumns().toArray(Column[]::new)).first();
            List<String> parts = first.getList(first.fieldIndex(TrackRows.ERROR_PARTS));
            String more = n == 1 ? "" : " (and " + (n - 1) + " more track" + (n == 2 ? "" : "s")
                    + " with input errors)";
            throw new InputFormatException(parts.get(0), 0, parts.get(1), parts.get(2) + more);
        }
        checked = true;
    }

    private List<Column> keyColumns() {
        List<Column> c = new ArrayList<>();
        for (String g : layout.groups().fieldNames()) {
            c.add(DeepSptSpark.col(g));
        }
        c.add(DeepSptSpark.col(TrackRows.PARTICLE));
        return c;
    }

    /**
     * @return one row per point of every processed track (its group columns, particle, the point columns, and last
     *     {@code input_track}: the input track a piece was cut from, else the particle)
     * @throws InputFormatException on the first call, for an input error (see the class comment)
     */
    public Dataset<Row> frames() {
        check();
        List<Column> c = keyColumns();
        c.add(DeepSptSpark.col(TrackRows.INPUT_TRACK));
        c.add(functions.explode(DeepSptSpark.col(TrackRows.POINTS)).as("pt"));
        List<Column> out = new ArrayList<>();
        for (String g : layout.groups().fieldNames()) {
            out.add(DeepSptSpark.col(g));
        }
        out.add(DeepSptSpark.col(TrackRows.PARTICLE));
        for (String p : layout.pointColumns()) {
            out.add(functions.col("pt." + p).as(p));
        }
        out.add(DeepSptSpark.col(TrackRows.INPUT_TRACK));   // last, as the CLI's per-track columns
        return rows.where(DeepSptSpark.col(TrackRows.KIND).isNull()).select(c.toArray(Column[]::new))
                .select(out.toArray(Column[]::new));
    }

    /**
     * @return one row per segment of every processed track (its group columns, particle, {@code segment,
     *     first_frame, last_frame, points, state, mean_probability, D, D_se, alpha, alpha_se, lags, fit_status} as
     *     the CLI's {@code segments.csv}: D in µm²/s^α and α from
     *     {@link org.deepspt.msd.SegmentMotionFitter#defaults()},
     *     and last {@code input_track}, as in {@link #frames()})
     * @throws InputFormatException on the first call, for an input error (see the class comment)
     */
    public Dataset<Row> segments() {
        check();
        List<Column> c = keyColumns();
        c.add(DeepSptSpark.col(TrackRows.INPUT_TRACK));
        c.add(functions.explode(DeepSptSpark.col(TrackRows.SEGMENTS)).as("sg"));
        List<Column> out = new ArrayList<>();
        for (String g : layout.groups().fieldNames()) {
            out.add(DeepSptSpark.col(g));
        }
        out.add(DeepSptSpark.col(TrackRows.PARTICLE));
        for (String p : TrackRows.SEGMENT_COLUMNS) {
            out.add(functions.col("sg." + p).as(p));
        }
        out.add(DeepSptSpark.col(TrackRows.INPUT_TRACK));
        return rows.where(DeepSptSpark.col(TrackRows.KIND).isNull()).select(c.toArray(Column[]::new))
                .select(out.toArray(Column[]::new));
    }

    /**
     * @return one row per processed track (last column {@code input_track}, as in {@link #frames()}): fingerprint,
     *     {@code msd_fit_at_bound} and {@code msd_fit_status} (as the
     *     CLI's fingerprint output: which of α and D ended on a bound of the MSD fit, and its status), the CLI's
     *     context columns ({@code dimension, frame_interval_s, length_unit, segmenter, post_processing,
     *     fingerprint_version}: what the fingerprint was computed with, as {@link org.deepspt.io.TrackColumns#context}
     *     words them) and, with a classifier, the prediction
     * @throws InputFormatException on the first call, for an input error (see the class comment)
     */
    public Dataset<Row> tracks() {
        check();
        List<Column> c = keyColumns();
        for (String f : layout.features()) {
            c.add(DeepSptSpark.col(f));
        }
        c.add(DeepSptSpark.col(org.deepspt.io.FingerprintCsv.MSD_FIT_AT_BOUND_COLUMN));
        c.add(DeepSptSpark.col(org.deepspt.io.FingerprintCsv.MSD_FIT_STATUS_COLUMN));
        for (String k : org.deepspt.io.TrackColumns.CONTEXT) {
            c.add(DeepSptSpark.col(k));
        }
        if (layout.classified()) {
            c.add(DeepSptSpark.col(TrackRows.LABEL));
            c.add(DeepSptSpark.col(TrackRows.PROBABILITY));
            for (String k : layout.classes()) {
                c.add(DeepSptSpark.col("p_" + k));
            }
        }
        c.add(DeepSptSpark.col(TrackRows.INPUT_TRACK));   // last, as the CLI's per-track columns
        return rows.where(DeepSptSpark.col(TrackRows.KIND).isNull()).select(c.toArray(Column[]::new));
    }

    /**
     * @return one row per rejected or modified track
     * @throws InputFormatException on the first call, for an input error (see the class comment)
     */
    public Dataset<Row> issues() {
        check();
        List<Column> c = keyColumns();
        c.add(DeepSptSpark.col(TrackRows.KIND));
        c.add(DeepSptSpark.col(TrackRows.DETAIL));
        return rows.where(DeepSptSpark.col(TrackRows.KIND).isNotNull()).select(c.toArray(Column[]::new));
    }

    /**
     * Counts the rows of the three outputs' kinds in one Spark job over the cached rows.
     *
     * @return processed tracks (key {@code ""}) and issues by kind ({@code REJECTED}, {@code MODIFIED})
     */
    Map<String, Long> counts() {
        check();
        Map<String, Long> counts = new HashMap<>();
        for (Row r : rows.groupBy(DeepSptSpark.col(TrackRows.KIND)).count().collectAsList()) {
            counts.put(r.isNullAt(0) ? "" : r.getString(0), r.getLong(1));
        }
        return counts;
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
