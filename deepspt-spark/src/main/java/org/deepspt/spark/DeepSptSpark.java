package org.deepspt.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.deepspt.api.Classifier;
import org.deepspt.api.Segmenters;
import org.deepspt.classify.TrackClassifiers;
import org.deepspt.fingerprint.DiffusionalFingerprint;
import org.jspecify.annotations.Nullable;

/**
 * The DeepSPT pipeline (segment → fingerprint → classify) on Spark: the same code path as
 * {@link org.deepspt.pipeline.Pipeline} in one JVM, spread over the executors.
 * <pre>{@code
 * Dataset<Row> locs = spark.read().parquet("s3://lake/screen-42/localisations");
 * try (SparkAnalysis a = DeepSptSpark.analyze(spark, locs,
 *         AnalyzeOptions.defaults().groupBy("plate", "well").readOptions(
 *                 ReadOptions.builder().frameInterval(0.03).pixelSize(0.108).build()))) {
 *     a.frames().write().parquet("s3://lake/screen-42/segmentation");
 *     a.tracks().write().parquet("s3://lake/screen-42/fingerprints");
 *     a.issues().write().parquet("s3://lake/screen-42/issues");
 * }
 * }</pre>
 *
 * <h2>How it runs</h2>
 * <ol>
 *   <li>On the driver: the columns are checked ({@code particle, frame, x, y} required, {@code z} optional,
 *       grouping columns carried through); the dimension is detected as the readers detect it (3D when some
 *       finite z is non-zero; one pass over the input, skipped with {@link AnalyzeOptions#dimension(int)});
 *       the classifier JSON is broadcast.</li>
 *   <li>The localisations are hashed into partitions by (group…, particle) and sorted within them, so a track's
 *       rows are contiguous however the input was split into files.</li>
 *   <li>{@code mapPartitions}: each track is assembled with {@link org.deepspt.io.TrackAssembler} (the
 *       readers' sort, gap, duplicate, NaN and minimum-length policies, in one place), and the accepted
 *       trajectories stream through a {@link org.deepspt.pipeline.Pipeline} in batches. The segmenter is
 *       opened once per executor JVM on first use, shared by its tasks, cached by model (SHA-256 of a
 *       manifest file) and closed at JVM exit; the backend is whatever {@code Segmenters.open} finds (ONNX
 *       Runtime, or the pure-JVM engine where ONNX Runtime is absent).</li>
 *   <li>The per-track rows are persisted (memory and disk) and projected into the three outputs of
 *       {@link SparkAnalysis}.</li>
 * </ol>
 * The outputs are a function of the input rows only: the same as the in-JVM pipeline's on the same tracks,
 * whatever the partitioning.
 *
 * <p>Differences from reading a file: the frame interval is {@link org.deepspt.io.ReadOptions#frameInterval()}
 * or 1 s (there is no time column to fit); a null particle id is not an error but one REJECTED issue
 * {@code "(untracked spots)"} per group; a null coordinate is a non-finite one; a null frame is an
 * {@link org.deepspt.api.InputFormatException} that fails the job. Piece ids ({@code <id>.1}, …) are made
 * unique within their own track only, not against the other particle ids of the group as a file reader does.
 *
 * <p>Thread-safe (stateless).
 */
public final class DeepSptSpark {
    private DeepSptSpark() {
    }

    /**
     * Reads localisations from Parquet (a file or a folder) or CSV (a path ending in {@code .csv}, or a folder
     * with {@code format} {@code csv}: header row, types inferred).
     *
     * @param spark the session
     * @param path Parquet or CSV path (any file system Spark reads)
     * @param format {@code parquet}, {@code csv}, or null to decide by the extension ({@code .csv}, else Parquet)
     * @return the localisations
     */
    public static Dataset<Row> read(SparkSession spark, String path, @Nullable String format) {
        String f = format != null ? format.toLowerCase(Locale.ROOT)
                : path.toLowerCase(Locale.ROOT).endsWith(".csv") ? "csv" : "parquet";
        return switch (f) {
            case "parquet" -> spark.read().parquet(path);
            case "csv" -> spark.read().option("header", "true").option("inferSchema", "true").csv(path);
            default -> throw new IllegalArgumentException("format must be parquet or csv, got '" + format + "'");
        };
    }

    /**
     * @param spark the session
     * @param path localisations, Parquet or CSV (see {@link #read})
     * @param options the analysis options
     * @return the outputs
     */
    public static SparkAnalysis analyze(SparkSession spark, String path, AnalyzeOptions options) {
        return analyze(spark, read(spark, path, null), options);
    }

    /**
     * Runs the pipeline over a Dataset of localisations.
     *
     * @param spark the session
     * @param localisations columns {@code particle} (any type; used as text), {@code frame} (integer),
     *     {@code x}, {@code y} and optionally {@code z} (numbers; pixels or µm, see
     *     {@link org.deepspt.io.ReadOptions#pixelSize()}), plus the grouping columns; other columns are ignored
     * @param options columns, policies, model, classifier
     * @return the outputs (lazy; call {@link SparkAnalysis#close()} after writing them)
     * @throws IllegalArgumentException naming a missing or clashing column, a frame column that is not of an
     *     integer type, or an unknown model
     */
    public static SparkAnalysis analyze(SparkSession spark, Dataset<Row> localisations, AnalyzeOptions options) {
        Objects.requireNonNull(spark, "spark");
        Objects.requireNonNull(localisations, "localisations");
        Objects.requireNonNull(options, "options");
        Segmenters.check(options.model());
        StructType in = localisations.schema();
        Set<String> names = new HashSet<>(Arrays.asList(in.fieldNames()));
        for (String c : List.of(options.particleColumn(), options.frameColumn(), options.xColumn(),
                options.yColumn())) {
            if (!names.contains(c)) {
                throw new IllegalArgumentException("missing column '" + c + "'; the localisations have "
                        + Arrays.toString(in.fieldNames()) + "; map another column with ReadOptions.column");
            }
        }
        DataType frameType = in.apply(options.frameColumn()).dataType();
        if (!List.of(DataTypes.IntegerType, DataTypes.LongType, DataTypes.ShortType, DataTypes.ByteType)
                .contains(frameType)) {
            throw new IllegalArgumentException("frame column '" + options.frameColumn() + "' must hold integers, "
                    + "is " + frameType.simpleString() + "; cast it (frames are indices, not times)");
        }
        boolean withZ = names.contains(options.zColumn());
        Classifier classifier = options.classifierJson().map(j -> TrackClassifiers.fromJson(j, "classifier"))
                .orElse(null);
        List<String> features = DiffusionalFingerprint.defaults().featureNames();
        List<String> classes = classifier == null ? List.of() : classifier.labels();

        List<StructField> groupFields = new ArrayList<>();
        Set<String> taken = new HashSet<>(List.of(TrackRows.PARTICLE, TrackRows.KIND, TrackRows.DETAIL,
                TrackRows.POINTS, TrackRows.LABEL, TrackRows.PROBABILITY));
        taken.addAll(TrackRows.POINT_COLUMNS);
        taken.addAll(features);
        classes.forEach(c -> taken.add("p_" + c));
        for (String g : options.groupBy()) {
            if (!names.contains(g)) {
                throw new IllegalArgumentException("missing grouping column '" + g + "'; the localisations have "
                        + Arrays.toString(in.fieldNames()));
            }
            if (taken.contains(g) || g.equals(options.frameColumn()) || g.equals(options.xColumn())
                    || g.equals(options.yColumn()) || g.equals(options.zColumn())) {
                throw new IllegalArgumentException("grouping column '" + g + "' clashes with an input or output "
                        + "column; rename it");
            }
            if (!taken.add(g)) {
                throw new IllegalArgumentException("grouping column '" + g + "' is given twice");
            }
            groupFields.add(in.apply(g));
        }
        int dimension = options.dimension() != 0 ? options.dimension()
                : withZ && detect3d(localisations, options.zColumn()) ? 3 : 2;
        if (dimension == 3 && !withZ) {
            throw new IllegalArgumentException("dimension 3 needs a '" + options.zColumn() + "' column");
        }

        List<Column> select = new ArrayList<>();
        List<Column> key = new ArrayList<>();
        for (StructField g : groupFields) {
            select.add(col(g.name()));
            key.add(col(g.name()));
        }
        select.add(col(options.particleColumn()).cast(DataTypes.StringType).as("__particle"));
        select.add(col(options.frameColumn()).cast(DataTypes.IntegerType).as("__frame"));
        select.add(col(options.xColumn()).cast(DataTypes.DoubleType).as("__x"));
        select.add(col(options.yColumn()).cast(DataTypes.DoubleType).as("__y"));
        if (withZ) {
            select.add(col(options.zColumn()).cast(DataTypes.DoubleType).as("__z"));
        }
        key.add(col("__particle"));
        Dataset<Row> normalised = localisations.select(select.toArray(Column[]::new));
        Column[] keys = key.toArray(Column[]::new);
        Dataset<Row> partitioned = options.partitions() > 0 ? normalised.repartition(options.partitions(), keys)
                : normalised.repartition(keys);
        TrackRows layout = new TrackRows(DataTypes.createStructType(groupFields), features, classes,
                classifier != null);
        Broadcast<String> json = options.classifierJson().map(j -> JavaSparkContext
                .fromSparkContext(spark.sparkContext()).broadcast(j)).orElse(null);
        Dataset<Row> rows = partitioned.sortWithinPartitions(keys)
                .mapPartitions(new PartitionAnalyzer(options, dimension, withZ, layout, json),
                        Encoders.row(layout.schema()))
                .persist(StorageLevel.MEMORY_AND_DISK());
        return new SparkAnalysis(rows, layout);
    }

    /** @return true when some finite z is non-zero (the readers' rule for a 3D file) */
    private static boolean detect3d(Dataset<Row> localisations, String z) {
        Column v = col(z).cast(DataTypes.DoubleType);
        return !localisations.select(v.as("z")).where(functions.col("z").notEqual(0)
                .and(functions.not(functions.isnan(functions.col("z"))))
                .and(functions.abs(functions.col("z")).lt(Double.POSITIVE_INFINITY))).limit(1).isEmpty();
    }

    /** @return the column of that exact name (dots and back-ticks quoted) */
    static Column col(String name) {
        return functions.col("`" + name.replace("`", "``") + "`");
    }
}
