package org.deepspt.spark;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.deepspt.api.InputFormatException;
import org.deepspt.api.TrackIssue;
import org.deepspt.io.IssueCounts;

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
 *       {@code label, probability, p_<class>…, reason} (the abstention reasons, as predictions.csv words them;
 *       null for a class label), one row per processed track (as
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
     * that cannot be checked. Known when {@link DeepSptSpark#analyze} returns (no Spark job runs for it), logged
     * at DEBUG only (the caller shows them: the job prints each once, {@code warning: …}); empty without a
     * classifier.
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
        return exploded(TrackRows.POINTS, layout.pointColumns());
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
        return exploded(TrackRows.SEGMENTS, TrackRows.SEGMENT_COLUMNS);
    }

    /**
     * One row per element of an array column of the processed tracks' rows: the group columns, particle, the
     * element's fields, and last {@code input_track}.
     *
     * @param array the array-of-structs column ({@link TrackRows#POINTS}, {@link TrackRows#SEGMENTS})
     * @param fields the struct fields to select, in order
     * @return the rows
     */
    private Dataset<Row> exploded(String array, List<String> fields) {
        List<Column> c = keyColumns();
        c.add(DeepSptSpark.col(TrackRows.INPUT_TRACK));
        c.add(functions.explode(DeepSptSpark.col(array)).as("el"));
        List<Column> out = new ArrayList<>();
        for (String g : layout.groups().fieldNames()) {
            out.add(DeepSptSpark.col(g));
        }
        out.add(DeepSptSpark.col(TrackRows.PARTICLE));
        for (String f : fields) {
            out.add(functions.col("el." + f).as(f));
        }
        out.add(DeepSptSpark.col(TrackRows.INPUT_TRACK));   // last, as the CLI's per-track columns
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
            c.add(DeepSptSpark.col(TrackRows.PREDICTION_REASON));
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
     * What the job's summary line counts, as the CLI counts it ({@link IssueCounts#of(List,
     * java.util.function.UnaryOperator, java.util.Set)}): input tracks, not report rows. A track split into pieces
     * has one MODIFIED row per piece and a REJECTED row per piece too short to keep, all under its input track; it
     * counts once, as modified when some piece was processed and as rejected when none was. Tracks are told apart
     * by their group values and input track. The issue rows (one per rejected or modified track or piece) are
     * collected to the driver; the result rows are only counted.
     *
     * @return the processed tracks and pieces, and the input tracks the issue rows speak of
     */
    Summary summary() {
        check();
        Column kind = DeepSptSpark.col(TrackRows.KIND);
        List<Column> input = new ArrayList<>();
        for (String g : layout.groups().fieldNames()) {
            input.add(DeepSptSpark.col(g));
        }
        input.add(DeepSptSpark.col(TrackRows.INPUT_TRACK));
        int n = input.size();
        long tracks = rows.where(kind.isNull()).count();
        // per input track with an issue: whether some of it was processed (a result row under the same input)
        Set<String> written = new HashSet<>();
        for (Row r : rows.groupBy(input.toArray(Column[]::new))
                .agg(functions.max(functions.when(kind.isNull(), 1).otherwise(0)).as("written"),
                        functions.max(functions.when(kind.isNotNull(), 1).otherwise(0)).as("issue"))
                .where("issue = 1 and written = 1").collectAsList()) {
            written.add(inputKey(r, n));
        }
        List<Column> issueColumns = new ArrayList<>(input);
        issueColumns.add(kind);
        issueColumns.add(DeepSptSpark.col(TrackRows.DETAIL));
        issueColumns.add(DeepSptSpark.col(TrackRows.COUNT));
        List<TrackIssue> issues = new ArrayList<>();
        for (Row r : rows.where(kind.isNotNull()).select(issueColumns.toArray(Column[]::new)).collectAsList()) {
            issues.add(new TrackIssue(inputKey(r, n), TrackIssue.Kind.valueOf(r.getString(n)),
                    r.isNullAt(n + 1) ? "" : r.getString(n + 1), r.isNullAt(n + 2) ? 1 : r.getLong(n + 2)));
        }
        long inputTracks = rows.where(kind.isNull()).select(input.toArray(Column[]::new)).distinct().count();
        return new Summary(tracks, inputTracks, IssueCounts.of(issues, id -> id, written));
    }

    /**
     * One text per input track: its group values, each followed by U+0000 (null as U+0001), then {@code :} and the
     * input track; without groups the input track alone. A file note ({@code (untracked spots)}) stays one for
     * {@link org.deepspt.io.TrackReaders#isFileNote}, which reads the end after {@code :}.
     */
    private static String inputKey(Row r, int n) {
        if (n == 1) {
            return r.getString(0);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n - 1; i++) {
            sb.append(r.isNullAt(i) ? "\u0001" : String.valueOf(r.get(i))).append('\u0000');
        }
        return sb.append(':').append(r.getString(n - 1)).toString();
    }

    /**
     * @param tracks processed tracks and pieces (rows of {@link #tracks()})
     * @param inputTracks the input tracks those came from (fewer than {@code tracks} when some were split)
     * @param issues the input tracks rejected or modified, as the CLI's summary counts them
     */
    record Summary(long tracks, long inputTracks, IssueCounts issues) {
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
