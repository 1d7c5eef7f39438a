package org.deepspt.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.deepspt.api.Fingerprint;
import org.deepspt.api.InputFormatException;
import org.deepspt.api.Prediction;
import org.deepspt.api.MotionEstimate;
import org.deepspt.api.Segment;
import org.deepspt.api.Segmentation;
import org.deepspt.api.TrackIssue;
import org.deepspt.api.Trajectory;
import org.deepspt.fingerprint.DiffusionalFingerprint;
import org.deepspt.fingerprint.FingerprintFeature;
import org.deepspt.io.FingerprintCsv;
import org.deepspt.io.TrackColumns;
import org.deepspt.io.TrackSource;
import org.deepspt.msd.MsdFitter;
import org.deepspt.msd.SegmentMotionFitter;

/**
 * The layout of the one internal row per output track or issue that the executors produce (the four public
 * Datasets are projections of it):
 * {@code group…, particle, kind, detail, points array<struct<frame, state, p_normal, p_directed, p_confined,
 * p_subdiffusive, reliable, reason, segment, x, y[, z], interpolated>>, segments array<struct<segment, first_frame,
 * last_frame, points, state, mean_probability, D, D_se, alpha, alpha_se, lags, fit_status>>,
 * <fingerprint features…>, msd_fit_at_bound, msd_fit_status, dimension, frame_interval_s, length_unit, segmenter,
 * post_processing, fingerprint_version, [label, probability, p_<class>…, reason]}. An issue row has a
 * {@code kind} (REJECTED/MODIFIED) and nulls after {@code detail}; a result row has a null {@code kind}. An
 * input error (a malformed cell, a non-finite coordinate under policy ERROR) is a row of kind {@link #ERROR}
 * whose last column, {@link #ERROR_PARTS} ({@code array<string>}: source, field, problem of the
 * {@link org.deepspt.api.InputFormatException}), lets the driver raise the same exception: a data error fails
 * no task, so Spark neither retries it nor logs its stack trace.
 */
final class TrackRows implements Serializable {
    private static final long serialVersionUID = 1L;

    static final String PARTICLE = "particle";
    /**
     * The input track a row's track was read from (the CLI's {@code input_track}): a piece {@code 5.1} of track
     * {@code 5} split at a gap has input_track {@code 5}, so that it stays distinct from a track whose own id is
     * {@code 5.1} (piece ids are made unique within their own track only).
     */
    static final String INPUT_TRACK = "input_track";
    static final String KIND = "kind";
    static final String DETAIL = "detail";
    static final String POINTS = "points";
    /** The column of a result row's segments, with their motion estimates ({@link #SEGMENT_COLUMNS}). */
    static final String SEGMENTS = "segments";
    /**
     * Columns of one segment, as {@link org.deepspt.io.SegmentsCsvWriter} writes them after particle ({@code segment
     * --segments}, {@code analyze}'s segments.csv): index in the track, first and last frame, points, state index,
     * mean probability, D (µm²/s^α) and its standard error, α and its standard error, lags used and the fit's
     * status,
     * estimated by {@link SegmentMotionFitter#defaults()} as the CLI estimates them.
     */
    static final List<String> SEGMENT_COLUMNS = List.of("segment", "first_frame", "last_frame", "points", "state",
            "mean_probability", "D", "D_se", "alpha", "alpha_se", "lags", "fit_status");
    /** The per-segment motion estimates of the CLI's segments output. */
    private static final SegmentMotionFitter MOTION = SegmentMotionFitter.defaults();
    static final String LABEL = "label";
    static final String PROBABILITY = "probability";
    /**
     * The prediction's abstention reasons, as the CLI's predictions.csv words them
     * ({@link org.deepspt.io.PredictionCsvWriter#reasonText}: {@code below_threshold:P<T},
     * {@code missing_features:M/N}); null for a class label.
     */
    static final String PREDICTION_REASON = "reason";
    /** The kind of an input-error row (never in the issues output: the driver raises it). */
    static final String ERROR = "ERROR";
    /** The internal column of an input-error row: source, field (or null), problem. */
    static final String ERROR_PARTS = "__deepspt_error";
    /**
     * The internal column of an issue row: how many input items it speaks of ({@link TrackIssue#count()}: 1 for a
     * track, the spots of an {@code (untracked spots)} note), for the job's summary; not in the issues output.
     */
    static final String COUNT = "__deepspt_count";
    /**
     * Columns of one point, as {@link org.deepspt.io.SegmentationCsvWriter} writes them after particle with the point
     * columns ({@code segment --in … --out …}): frame, state, the four probabilities, the track's verdict
     * ({@code reliable}, null without one; {@code reason}), the point's {@code segment}, its coordinates (µm, as
     * segmented: an interpolated point has the interpolated position) and {@code interpolated} (true for a point made
     * up over a missing frame, {@link org.deepspt.io.GapPolicy#INTERPOLATE}). {@code z} only in 3D ({@link #pointColumns()}).
     */
    static final List<String> POINT_COLUMNS = List.of("frame", "state", "p_normal", "p_directed", "p_confined",
            "p_subdiffusive", "reliable", "reason", "segment", "x", "y", "z", "interpolated");

    /** The MSD fitter of the executors' fingerprints ({@link DiffusionalFingerprint#defaults()}), built once. */
    private static final MsdFitter FITTER = DiffusionalFingerprint.defaults().msdFitter();

    private final StructType groups;
    private final List<String> features;
    private final List<String> classes;
    private final boolean classified;
    private final int dimension;
    private final StructType schema;

    TrackRows(StructType groups, List<String> features, List<String> classes, boolean classified, int dimension) {
        this.groups = groups;
        this.dimension = dimension;
        this.features = List.copyOf(features);
        this.classes = List.copyOf(classes);
        this.classified = classified;
        List<StructField> f = new ArrayList<>();
        for (StructField g : groups.fields()) {
            f.add(DataTypes.createStructField(g.name(), g.dataType(), true));
        }
        f.add(DataTypes.createStructField(PARTICLE, DataTypes.StringType, true));
        f.add(DataTypes.createStructField(INPUT_TRACK, DataTypes.StringType, true));
        f.add(DataTypes.createStructField(KIND, DataTypes.StringType, true));
        f.add(DataTypes.createStructField(DETAIL, DataTypes.StringType, true));
        f.add(DataTypes.createStructField(POINTS, DataTypes.createArrayType(pointType(dimension), false), true));
        f.add(DataTypes.createStructField(SEGMENTS, DataTypes.createArrayType(segmentType(), false), true));
        for (String name : features) {
            f.add(DataTypes.createStructField(name, DataTypes.DoubleType, true));
        }
        f.add(DataTypes.createStructField(FingerprintCsv.MSD_FIT_AT_BOUND_COLUMN, DataTypes.StringType, true));
        f.add(DataTypes.createStructField(FingerprintCsv.MSD_FIT_STATUS_COLUMN, DataTypes.StringType, true));
        f.add(DataTypes.createStructField(TrackColumns.DIMENSION, DataTypes.IntegerType, true));
        f.add(DataTypes.createStructField(TrackColumns.FRAME_INTERVAL, DataTypes.DoubleType, true));
        f.add(DataTypes.createStructField(TrackColumns.LENGTH_UNIT, DataTypes.StringType, true));
        f.add(DataTypes.createStructField(TrackColumns.SEGMENTER, DataTypes.StringType, true));
        f.add(DataTypes.createStructField(TrackColumns.POST_PROCESSING, DataTypes.StringType, true));
        f.add(DataTypes.createStructField(TrackColumns.FINGERPRINT_VERSION, DataTypes.IntegerType, true));
        if (classified) {
            f.add(DataTypes.createStructField(LABEL, DataTypes.StringType, true));
            f.add(DataTypes.createStructField(PROBABILITY, DataTypes.DoubleType, true));
            for (String c : classes) {
                f.add(DataTypes.createStructField("p_" + c, DataTypes.DoubleType, true));
            }
            f.add(DataTypes.createStructField(PREDICTION_REASON, DataTypes.StringType, true));
        }
        f.add(DataTypes.createStructField(COUNT, DataTypes.LongType, true));
        f.add(DataTypes.createStructField(ERROR_PARTS, DataTypes.createArrayType(DataTypes.StringType, true), true));
        this.schema = DataTypes.createStructType(f);
    }

    private static StructType pointType(int dimension) {
        List<StructField> f = new ArrayList<>();
        f.add(DataTypes.createStructField("frame", DataTypes.IntegerType, false));
        f.add(DataTypes.createStructField("state", DataTypes.IntegerType, false));
        for (String p : POINT_COLUMNS.subList(2, 6)) {
            f.add(DataTypes.createStructField(p, DataTypes.DoubleType, false));
        }
        f.add(DataTypes.createStructField("reliable", DataTypes.BooleanType, true));
        f.add(DataTypes.createStructField("reason", DataTypes.StringType, true));
        f.add(DataTypes.createStructField("segment", DataTypes.IntegerType, false));
        for (int a = 0; a < dimension; a++) {
            f.add(DataTypes.createStructField(Trajectory.axisName(a), DataTypes.DoubleType, false));
        }
        f.add(DataTypes.createStructField("interpolated", DataTypes.BooleanType, false));
        return DataTypes.createStructType(f);
    }

    private static StructType segmentType() {
        List<StructField> f = new ArrayList<>();
        for (String c : SEGMENT_COLUMNS) {
            f.add(DataTypes.createStructField(c, switch (c) {
                case "mean_probability", "D", "D_se", "alpha", "alpha_se" -> DataTypes.DoubleType;
                case "fit_status" -> DataTypes.StringType;
                default -> DataTypes.IntegerType;
            }, false));
        }
        return DataTypes.createStructType(f);
    }

    /** @return the point columns of this layout: {@link #POINT_COLUMNS} without {@code z} in 2D */
    List<String> pointColumns() {
        return dimension == 3 ? POINT_COLUMNS : POINT_COLUMNS.stream().filter(c -> !c.equals("z")).toList();
    }

    StructType schema() {
        return schema;
    }

    StructType groups() {
        return groups;
    }

    List<String> features() {
        return features;
    }

    List<String> classes() {
        return classes;
    }

    boolean classified() {
        return classified;
    }

    /** @return the row of an issue of the reader, under the input track it names */
    Row issue(Object[] groupValues, TrackIssue issue) {
        return issue(groupValues, issue, issue.trackId());
    }

    /**
     * @param inputTrack the input track of the issue's track (a piece's input track, see {@link #INPUT_TRACK})
     * @return the row of an issue
     */
    Row issue(Object[] groupValues, TrackIssue issue, String inputTrack) {
        Object[] v = issueCells(groupValues, issue.trackId(), issue.kind().name(), issue.detail(), issue.count());
        v[groupValues.length + 1] = inputTrack;
        return RowFactory.create(v);
    }

    /** @return the row of an input error in track {@code particle} (see {@link #ERROR_PARTS}) */
    Row error(Object[] groupValues, String particle, InputFormatException e) {
        Object[] v = issueCells(groupValues, particle, ERROR, e.getMessage(), 1);
        v[v.length - 1] = new String[] {e.source(), e.field().orElse(null), e.problem()};
        return RowFactory.create(v);
    }

    /**
     * The cells of an issue or error row: the group values, the particle (as its own input track), kind, detail and
     * the count ({@link #COUNT}).
     */
    private Object[] issueCells(Object[] groupValues, String particle, String kind, String detail, long count) {
        Object[] v = new Object[schema.size()];
        System.arraycopy(groupValues, 0, v, 0, groupValues.length);
        int k = groupValues.length;
        v[k] = particle;
        v[k + 1] = particle;   // an issue is about an input track
        v[k + 2] = kind;
        v[k + 3] = detail;
        v[schema.fieldIndex(COUNT)] = count;
        return v;
    }

    /**
     * @param t the trajectory that was segmented (its points, one per row of {@code s}, and which of them were
     *     interpolated)
     * @param source where its points came from (its input track)
     * @param context what the fingerprint was computed with: the segmenter as the user named it and its
     *     post-processing in effect ({@link org.deepspt.pipeline.PostProcessing#describe})
     * @return the row of a processed track
     * @throws IllegalStateException if the segmentation does not have the trajectory's points
     */
    Row result(Object[] groupValues, String particle, Trajectory t, TrackSource source, Segmentation s,
            Fingerprint fp, Prediction p, SegmenterContext context) {
        if (t.size() != s.size() || !t.id().equals(s.trackId())) {
            throw new IllegalStateException("track '" + t.id() + "' (" + t.size() + " points) got the segmentation of '"
                    + s.trackId() + "' (" + s.size() + " points)");
        }
        Object[] v = new Object[schema.size()];
        System.arraycopy(groupValues, 0, v, 0, groupValues.length);
        int k = groupValues.length;
        v[k] = particle;
        v[k + 1] = source.inputId();
        double[] probs = s.probabilityMatrix();
        int[] states = s.stateIndices();
        Row[] points = new Row[s.size()];
        Boolean reliable = s.reliability().map(r -> r.reliable()).orElse(null);
        String reason = s.reliability().map(org.deepspt.io.SegmentationCsvWriter::reasonText).orElse(null);
        int[] segment = org.deepspt.io.SegmentationCsvWriter.segmentIndexOfEachPoint(s);
        int width = 9 + dimension + 1;
        for (int i = 0; i < points.length; i++) {
            Object[] pt = new Object[width];
            pt[0] = s.frame(i);
            pt[1] = states[i];
            for (int c = 0; c < 4; c++) {
                pt[2 + c] = probs[4 * i + c];
            }
            pt[6] = reliable;
            pt[7] = reason;
            pt[8] = segment[i];
            for (int a = 0; a < dimension; a++) {
                pt[9 + a] = t.coordinate(i, a);
            }
            pt[width - 1] = t.interpolated(i);
            points[i] = RowFactory.create(pt);
        }
        v[k + 4] = points;
        v[k + 5] = segments(MOTION.estimate(t, s));
        int j = k + 6;
        for (int f = 0; f < features.size(); f++) {
            v[j++] = fp == null ? null : fp.value(f);
        }
        // which of alpha and D ended on a bound of the MSD fit, and the fit's status, as the CLI writes them: a value
        // on a bound is where the fit stopped, not an estimate; the status is that of the track's fit with its
        // standard errors, as msd reports it (undetermined included), not one read from alpha and D
        v[j++] = fp == null ? null : DiffusionalFingerprint.msdFitBound(FITTER, fp).label();
        v[j++] = fp == null ? null : DiffusionalFingerprint.msdFitStatus(FITTER, t).label();
        // the CLI's context columns (TrackColumns.context): every track here is in µm (TrackAssembler)
        v[j++] = t.dimension();
        v[j++] = t.frameInterval();
        v[j++] = org.deepspt.io.Calibration.MICROMETRE;
        v[j++] = context.segmenter();
        v[j++] = context.postProcessing();
        v[j++] = FingerprintFeature.DEFINITION_VERSION;
        if (classified && p != null) {
            v[j++] = p.label();
            v[j++] = p.probability();
            for (String c : classes) {
                Double q = p.classProbabilities().get(c);
                v[j++] = q == null ? Double.NaN : q;
            }
            String why = org.deepspt.io.PredictionCsvWriter.reasonText(p);
            v[j++] = why.isEmpty() ? null : why;
        }
        return RowFactory.create(v);
    }

    /** @return one struct per segment, in {@link #SEGMENT_COLUMNS}' order (as SegmentsCsvWriter's row) */
    private static Row[] segments(Segmentation estimated) {
        List<Segment> segs = estimated.segments();
        Row[] out = new Row[segs.size()];
        for (int k = 0; k < out.length; k++) {
            Segment seg = segs.get(k);
            MotionEstimate m = seg.motion();
            out[k] = RowFactory.create(k, seg.startFrame(), seg.endFrame(), seg.length(), seg.state().index(),
                    seg.meanProbability(), m.diffusionCoefficient(), m.diffusionCoefficientError(), m.alpha(),
                    m.alphaError(), m.lags(), m.status().label());
        }
        return out;
    }

    /**
     * What the fingerprints of a pipeline are computed with, beyond the track itself, as the CLI's fingerprint table
     * records it ({@link TrackColumns#context}).
     *
     * @param segmenter the segmenter as the user named it ({@code unet}, {@code rolling-msd}, a manifest's file name)
     * @param postProcessing the post-processing in effect, in {@link org.deepspt.pipeline.PostProcessing#describe}'s
     *     words
     */
    record SegmenterContext(String segmenter, String postProcessing) implements Serializable {
    }
}
