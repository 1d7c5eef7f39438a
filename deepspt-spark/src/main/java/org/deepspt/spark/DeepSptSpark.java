package org.deepspt.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.deepspt.api.Segmenters;
import org.deepspt.classify.ContextCheck;
import org.deepspt.classify.ContextMismatchException;
import org.deepspt.classify.TrackClassifier;
import org.deepspt.classify.TrackClassifiers;
import org.deepspt.fingerprint.FingerprintContext;
import org.deepspt.fingerprint.DiffusionalFingerprint;
import org.deepspt.io.Calibration;
import org.deepspt.io.ReadTerm;
import org.deepspt.options.ModelChoiceOptions;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 *       grouping columns carried through; frame and coordinates numbers or text); one pass over the input counts
 *       the rows (to size the partitions, {@link AnalyzeOptions#partitions(int)}), detects the dimension as
 *       the readers do (3D when some finite z is non-zero), refuses 2D rows among 3D ones and empty grouping
 *       values; skipped only when the partitions are given and there is neither a z column nor a grouping column;
 *       the classifier JSON is broadcast.</li>
 *   <li>The localisations are hashed into partitions by (group…, particle) and sorted within them, so a track's
 *       rows are contiguous however the input was split into files.</li>
 *   <li>{@code mapPartitions}: each track is assembled with {@link org.deepspt.io.TrackAssembler} from the cells
 *       as they are ({@link org.deepspt.io.TrackAssembler#addCells}: the CSV reader's number parsing and frame
 *       range check, then the readers' sort, gap, duplicate, NaN and minimum-length policies, in one place); a
 *       malformed cell becomes an error row (the task does not fail), and the accepted
 *       trajectories stream through a {@link org.deepspt.pipeline.Pipeline} in batches. The segmenter is
 *       opened once per executor JVM on first use, shared by its tasks, cached by model (SHA-256 of a
 *       manifest file) and closed at JVM exit; the backend is whatever {@code Segmenters.open} finds (ONNX
 *       Runtime, or the pure-JVM engine where ONNX Runtime is absent).</li>
 *   <li>The per-track rows are persisted (memory and disk) and projected into the three outputs of
 *       {@link SparkAnalysis}; the first output asked for runs the pipeline and raises the first input error
 *       (as an {@link org.deepspt.api.InputFormatException} naming the row, column and value).</li>
 * </ol>
 * The outputs are a function of the input rows only: the same as the in-JVM pipeline's on the same tracks,
 * whatever the partitioning.
 *
 * <p>Differences from reading a file: the frame interval is {@link org.deepspt.io.ReadOptions#frameInterval()}
 * or 1 s (there is no time column to fit); a null particle id is not an error but one REJECTED issue
 * {@code "(untracked spots)"} per group; a null coordinate is a non-finite one (in a 2D data set a null z is
 * 0, as an empty z field); a null frame is an {@link org.deepspt.api.InputFormatException}. Messages name the
 * row by its group, track and frame instead of a line number. Piece ids ({@code <id>.1}, …) are made
 * unique within their own track only, not against the other particle ids of the group as a file reader does; the
 * {@code input_track} column of {@link SparkAnalysis#frames()} and {@link SparkAnalysis#tracks()} tells a piece
 * {@code 5.1} of track 5 from a track whose own id is {@code 5.1}.
 *
 * <p>Thread-safe (stateless).
 */
public final class DeepSptSpark {
    private static final Logger LOG = LoggerFactory.getLogger(DeepSptSpark.class);

    private DeepSptSpark() {
    }

    /**
     * Reads localisations from Parquet (a file or a folder) or CSV (a path ending in {@code .csv}, or a folder
     * with {@code format} {@code csv}: header row, every column as text; several CSV files must have the same
     * columns, in any order: they are matched by header name, and a file with other columns is refused naming it). Several files that are not
     * Spark part files (one per field of view) get a {@link #SOURCE_FILE} column, so that the same track id in two
     * files is two tracks. CSV values are not typed by Spark:
     * {@link #analyze} parses the frame and coordinate cells on the executors with the CLI's CSV rules, so the
     * job accepts and refuses exactly what the CLI does ({@code 007} stays track {@code 007}, {@code nan} is
     * non-finite, {@code abc} an error naming the row and value).
     *
     * @param spark the session
     * @param path Parquet or CSV path (any file system Spark reads)
     * @param format {@code parquet}, {@code csv}, or null to decide by the extension ({@code .csv}, else Parquet)
     * @return the localisations
     */
    public static Dataset<Row> read(SparkSession spark, String path, @Nullable String format) {
        return read(spark, List.of(path), format);
    }

    /**
     * Reads several paths (files, folders or globs) as one table, as {@link #read(SparkSession, String, String)}
     * reads one; by extension, CSV when every path ends in {@code .csv}.
     *
     * @param spark the session
     * @param paths Parquet or CSV paths (at least one)
     * @param format {@code parquet}, {@code csv}, or null to decide by the extension
     * @return the localisations
     */
    public static Dataset<Row> read(SparkSession spark, List<String> paths, @Nullable String format) {
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("no path to read");
        }
        String[] p = paths.toArray(String[]::new);
        String f = format != null ? format.toLowerCase(Locale.ROOT)
                : paths.stream().allMatch(n -> n.toLowerCase(Locale.ROOT).endsWith(".csv")) ? "csv" : "parquet";
        Dataset<Row> ds = switch (f) {
            case "parquet" -> spark.read().parquet(p);
            case "csv" -> csv(spark, p);
            default -> throw new IllegalArgumentException("format must be parquet or csv, got '" + format + "'");
        };
        String[] files = ds.inputFiles();
        boolean parts = Arrays.stream(files).allMatch(n -> n.substring(n.lastIndexOf('/') + 1).startsWith("part-"));
        if (files.length > 1 && !parts && !Arrays.asList(ds.columns()).contains(SOURCE_FILE)) {
            // Trackers write one file per field of view and number tracks from 0 in each: track 0 of two files is two
            // tracks, as in the CLI (FILE:ID), in CSV and in Parquet alike. analyze groups by this column when it is
            // there. A folder of Spark part files is one table (a track may span parts) and gets no such column.
            ds = ds.withColumn(SOURCE_FILE, functions.input_file_name());
        }
        return ds;
    }

    /**
     * CSV files, matched by header name: files whose header lines differ are read one header at a time and united by
     * column name, so a file with the same columns in another order is read as the first one (Spark alone takes
     * the schema of the file it lists first and reads the others by position). Within one header, enforceSchema
     * false keeps Spark's check of every file's header against the schema.
     *
     * @throws IllegalArgumentException naming a file whose columns are not the first file's (in any order)
     */
    private static Dataset<Row> csv(SparkSession spark, String[] paths) {
        Dataset<Row> all = csvOf(spark, paths);
        String[] files = all.inputFiles();
        if (files.length < 2) {
            return all;
        }
        Map<String, List<String>> byHeader = new LinkedHashMap<>();
        for (String f : files) {
            byHeader.computeIfAbsent(headerLine(spark, f), h -> new ArrayList<>()).add(f);
        }
        if (byHeader.size() < 2) {
            return all;
        }
        Dataset<Row> united = null;
        String firstFile = null;
        List<String> firstColumns = null;
        for (List<String> group : byHeader.values()) {
            Dataset<Row> ds = csvOf(spark, group.toArray(String[]::new));
            List<String> columns = Arrays.asList(ds.columns());
            if (united == null) {
                united = ds;
                firstFile = group.get(0);
                firstColumns = columns;
                continue;
            }
            if (!new HashSet<>(columns).equals(new HashSet<>(firstColumns)) || columns.size() != firstColumns.size()) {
                List<String> lacks = new ArrayList<>(firstColumns);
                lacks.removeAll(columns);
                List<String> extra = new ArrayList<>(columns);
                extra.removeAll(firstColumns);
                throw new IllegalArgumentException(localPath(group.get(0)) + ": CSV header has other columns than "
                        + localPath(firstFile) + " (several CSV files must have the same columns, in any order): "
                        + (lacks.isEmpty() ? "" : "no " + quoted(lacks) + (extra.isEmpty() ? "" : ", "))
                        + (extra.isEmpty() ? "" : "also " + quoted(extra)) + (lacks.isEmpty() && extra.isEmpty()
                                ? "a column twice" : "") + " (header: " + String.join(", ", columns)
                        + "; first file: " + String.join(", ", firstColumns) + ")");
            }
            united = united.unionByName(ds);
        }
        return united;
    }

    private static Dataset<Row> csvOf(SparkSession spark, String[] paths) {
        return spark.read().option("header", "true").option("enforceSchema", "false").csv(paths);
    }

    private static String quoted(List<String> names) {
        return names.stream().map(n -> "'" + n + "'").collect(java.util.stream.Collectors.joining(", "));
    }

    /** @return the first line of the file that is not blank (Spark's CSV header), or "" when there is none */
    private static String headerLine(SparkSession spark, String file) {
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(java.net.URI.create(file));
        org.apache.hadoop.conf.Configuration conf = spark.sparkContext().hadoopConfiguration();
        try {
            org.apache.hadoop.fs.FileSystem fs = path.getFileSystem(conf);
            org.apache.hadoop.io.compress.CompressionCodec codec =
                    new org.apache.hadoop.io.compress.CompressionCodecFactory(conf).getCodec(path);
            java.io.InputStream raw = fs.open(path);
            try (java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(
                    codec == null ? raw : codec.createInputStream(raw), java.nio.charset.StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (!line.isBlank()) {
                        return line.strip();
                    }
                }
                return "";
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(localPath(file) + ": cannot read the CSV header: " + e.getMessage(),
                    e);
        }
    }

    /**
     * The column {@link #read} adds when it reads several CSV or Parquet files (not Spark part files): each row's
     * source file,
     * a grouping column of {@link #analyze} (tracks are assembled per (file, group…, particle), and every output
     * carries it).
     */
    public static final String SOURCE_FILE = "source_file";

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
     * @param localisations columns {@code particle} (any type; used as text), {@code frame} (integers, integral
     *     floating-point numbers or text), {@code x}, {@code y} and optionally {@code z} (numbers or text;
     *     pixels or µm, see {@link org.deepspt.io.ReadOptions#pixelSize()}), plus the grouping columns; other
     *     columns are ignored
     * @param options columns, policies, model, classifier
     * @return the outputs (lazy; call {@link SparkAnalysis#close()} after writing them)
     * @throws IllegalArgumentException naming a missing or clashing column, a frame or coordinate column that
     *     holds neither numbers nor text, or an unknown model
     * @throws org.deepspt.classify.ContextMismatchException when the classifier was trained on tracks of another
     *     dimension than the localisations' (refused before any track is segmented); other differences from its
     *     training context are {@link SparkAnalysis#warnings()}
     */
    public static SparkAnalysis analyze(SparkSession spark, Dataset<Row> localisations, AnalyzeOptions options) {
        Objects.requireNonNull(spark, "spark");
        Objects.requireNonNull(localisations, "localisations");
        Objects.requireNonNull(options, "options");
        Segmenters.check(options.model());
        StructType in = localisations.schema();
        Set<String> names = new HashSet<>(Arrays.asList(in.fieldNames()));
        Map<String, String> required = new LinkedHashMap<>();
        required.put("particle", options.particleColumn());
        required.put("frame", options.frameColumn());
        required.put("x", options.xColumn());
        required.put("y", options.yColumn());
        for (Map.Entry<String, String> c : required.entrySet()) {
            if (!names.contains(c.getValue())) {
                throw new IllegalArgumentException("missing column '" + c.getValue() + "'; the localisations have "
                        + Arrays.toString(in.fieldNames()) + "; map another column with "
                        + ReadTerm.column(c.getKey()));
            }
        }
        boolean withZ = names.contains(options.zColumn());
        List<String> values = new ArrayList<>(List.of(options.frameColumn(), options.xColumn(), options.yColumn()));
        if (withZ) {
            values.add(options.zColumn());
        }
        for (String c : values) {
            DataType t = in.apply(c).dataType();
            if (!(t instanceof NumericType) && !t.equals(DataTypes.StringType)) {
                throw new IllegalArgumentException("column '" + c + "' holds " + t.simpleString() + " values; "
                        + (c.equals(options.frameColumn()) ? "frames must be integers" : "coordinates must be numbers")
                        + " (or text holding them)");
            }
        }
        TrackClassifier classifier = options.classifierJson().map(j -> TrackClassifiers.fromJson(j, "classifier"))
                .orElse(null);
        List<String> features = DiffusionalFingerprint.defaults().featureNames();
        List<String> classes = classifier == null ? List.of() : classifier.labels();

        List<StructField> groupFields = new ArrayList<>();
        Set<String> taken = new HashSet<>(List.of(TrackRows.PARTICLE, TrackRows.INPUT_TRACK, TrackRows.KIND,
                TrackRows.DETAIL,
                TrackRows.POINTS, TrackRows.LABEL, TrackRows.PROBABILITY));
        taken.addAll(TrackRows.POINT_COLUMNS);
        taken.add(TrackRows.SEGMENTS);
        taken.addAll(TrackRows.SEGMENT_COLUMNS);
        taken.addAll(features);
        taken.add(org.deepspt.io.FingerprintCsv.MSD_FIT_AT_BOUND_COLUMN);
        taken.add(org.deepspt.io.FingerprintCsv.MSD_FIT_STATUS_COLUMN);
        taken.addAll(org.deepspt.io.TrackColumns.CONTEXT);
        classes.forEach(c -> taken.add("p_" + c));
        List<String> groupBy = new ArrayList<>();
        if (names.contains(SOURCE_FILE) && !options.groupBy().contains(SOURCE_FILE)) {
            groupBy.add(SOURCE_FILE); // several files read by read(): the same id in two files is two tracks
        }
        groupBy.addAll(options.groupBy());
        for (String g : groupBy) {
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
            if (in.apply(g).dataType() instanceof org.apache.spark.sql.types.BinaryType) {
                // byte[] values have no value equality: every row would start a new track
                throw new IllegalArgumentException("grouping column '" + g + "' is binary; cast it to a string or a "
                        + "number first");
            }
            groupFields.add(in.apply(g));
        }
        long count = -1;
        boolean some3d = false;
        long missingZ = 0;
        List<String> userGroups = options.groupBy();
        if (options.partitions() == 0 || withZ || !userGroups.isEmpty()) {
            // one pass: the number of rows (to size the partitions), the dimension, the rows without a z and those
            // with an empty grouping value
            List<Column> aggs = new ArrayList<>();
            if (withZ) {
                aggs.add(functions.max(functions.when(finiteNonZero(options.zColumn()), 1).otherwise(0)).as("z"));
                aggs.add(functions.count(functions.when(blank(options.zColumn()), 1)).as("missing"));
            }
            for (String g : userGroups) {
                aggs.add(functions.count(functions.when(blank(g), 1)));
            }
            Row stats = localisations.agg(functions.count(functions.lit(1)).as("n"), aggs.toArray(Column[]::new))
                    .first();
            count = stats.getLong(0);
            some3d = withZ && !stats.isNullAt(1) && stats.getInt(1) == 1;
            missingZ = withZ ? stats.getLong(2) : 0;
            int at = withZ ? 3 : 1;
            for (String g : userGroups) {
                long empty = stats.getLong(at++);
                if (empty > 0) {
                    throw emptyGroup(localisations, options, g, empty, count);
                }
            }
        }
        int dimension = options.dimension() != 0 ? options.dimension() : some3d ? 3 : 2;
        if (withZ && missingZ > 0 && (some3d || dimension == 3)) {
            throw mixedDimensions(localisations, options, missingZ, count);
        }
        int partitions = options.partitions() > 0 ? options.partitions()
                : partitionsFor(count, spark.sparkContext().defaultParallelism());
        if (dimension == 3 && !withZ) {
            throw new IllegalArgumentException("dimension 3 needs a '" + options.zColumn() + "' column");
        }
        List<String> warnings = classifier == null ? List.of() : checkClassifier(classifier, options, dimension);

        List<Column> select = new ArrayList<>();
        List<Column> key = new ArrayList<>();
        for (StructField g : groupFields) {
            select.add(col(g.name()));
            key.add(col(g.name()));
        }
        select.add(col(options.particleColumn()).cast(DataTypes.StringType).as("__particle"));
        // frame and coordinates as they are (numbers of any type, or text): parsed on the executors by the
        // readers' rules, never cast by Spark (a cast wraps a long frame and turns text into null)
        select.add(col(options.frameColumn()).as("__frame"));
        select.add(col(options.xColumn()).as("__x"));
        select.add(col(options.yColumn()).as("__y"));
        if (withZ) {
            select.add(col(options.zColumn()).as("__z"));
        }
        key.add(col("__particle"));
        Dataset<Row> normalised = localisations.select(select.toArray(Column[]::new));
        Column[] keys = key.toArray(Column[]::new);
        Dataset<Row> partitioned = normalised.repartition(partitions, keys);
        TrackRows layout = new TrackRows(DataTypes.createStructType(groupFields), features, classes,
                classifier != null, dimension);
        Broadcast<String> json = options.classifierJson().map(j -> JavaSparkContext
                .fromSparkContext(spark.sparkContext()).broadcast(j)).orElse(null);
        // within a track, rows in a fixed order whatever the shuffle (frame, then coordinates for duplicate frames), so
        // that the first bad cell named in an issue, and the error raised, are the same in every run
        List<Column> order = new ArrayList<>(key);
        order.add(col("__frame"));
        order.add(col("__x"));
        order.add(col("__y"));
        if (withZ) {
            order.add(col("__z"));
        }
        Dataset<Row> rows = partitioned.sortWithinPartitions(order.toArray(Column[]::new))
                .mapPartitions(new PartitionAnalyzer(options, dimension, withZ, layout, json),
                        Encoders.row(layout.schema()))
                .persist(StorageLevel.MEMORY_AND_DISK());
        return new SparkAnalysis(rows, layout, partitions, warnings);
    }

    /**
     * What {@link SparkAnalysis#warnings()} adds to the line on differences: where the input's side is set.
     */
    static final String CONTEXT_HINT = " (match them with the frame interval, pixel size and model of the analysis)";

    /**
     * Checks a classifier against what the fingerprints of this analysis are computed with, by the code of the CLI's
     * {@code classify} and {@code analyze --classifier} and the Fiji plugin ({@link ContextCheck}): another dimension
     * is refused before any track is segmented (its answers would mean nothing); other differences (frame interval,
     * length unit, segmenter, post-processing, fingerprint version) and the parts one side does not record are
     * warnings, returned (and logged at DEBUG only). The segmenter is opened on the driver (once per JVM, as on the
     * executors) to word its post-processing.
     *
     * @return the warning lines, without a prefix
     * @throws ContextMismatchException when the dimensions differ
     */
    private static List<String> checkClassifier(TrackClassifier classifier, AnalyzeOptions options, int dimension) {
        String post = options.postProcessing().describe(ExecutorResources.segmenter(options.model(), dimension,
                options.segmenterOptions()));
        // every track gets the option's frame interval (else 1 s) and its coordinates in µm (TrackAssembler)
        FingerprintContext input = FingerprintContext.of(dimension,
                List.of(options.readOptions().frameInterval().orElse(1.0)), Calibration.MICROMETRE,
                ModelChoiceOptions.segmenterName(options.model()), post);
        List<String> warnings = ContextCheck.of(classifier.context(), input)
                .requireSameDimension(options.classifierName(), options.inputName())
                .warnings(options.classifierName(), options.inputName(), CONTEXT_HINT);
        // returned for the caller to show (the job prints each once, as a warning: line); a WARN log line as well
        // would print it twice where Spark logs at WARN
        warnings.forEach(w -> LOG.debug("{}", w));
        return warnings;
    }

    /** Rows per partition below which a partition is not split further (per-task overhead dominates). */
    static final long MIN_ROWS_PER_PARTITION = 5_000;
    /** Rows per partition above which more partitions are made whatever the cores (task memory, stragglers). */
    static final long MAX_ROWS_PER_PARTITION = 500_000;

    /**
     * The partitions of an input of {@code rows} localisations: {@code max(ceil(rows / 500,000), min(3 ×
     * parallelism, ceil(rows / 5,000)))}, at least 1 (see {@link AnalyzeOptions#partitions(int)}).
     *
     * @param rows rows of the input (≥ 0)
     * @param parallelism Spark's default parallelism (cores of the cluster, or N of local[N])
     * @return the partition count
     */
    static int partitionsFor(long rows, int parallelism) {
        long byCores = Math.min(3L * Math.max(1, parallelism), ceilDiv(rows, MIN_ROWS_PER_PARTITION));
        long bySize = ceilDiv(rows, MAX_ROWS_PER_PARTITION);
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, Math.max(byCores, bySize)));
    }

    private static long ceilDiv(long a, long b) {
        return (Math.max(0, a) + b - 1) / b;
    }

    /**
     * @return 1-valued when the z cell is a finite non-zero number (the readers' rule for a 3D file), null
     *     otherwise; text is read with {@code try_cast} (unparsable text counts as not 3D here and is reported,
     *     with its row, by the executors' parser)
     */
    private static Column finiteNonZero(String z) {
        Column v = functions.expr("try_cast(`" + z.replace("`", "``") + "` as double)");
        return v.notEqual(0).and(functions.not(functions.isnan(v))).and(functions.abs(v).lt(Double.POSITIVE_INFINITY));
    }

    /**
     * @return true where the cell is null or blank text (an empty field of a CSV file): a z missing on a 2D row, an
     *     empty grouping value
     */
    private static Column blank(String column) {
        Column c = col(column);
        return c.isNull().or(functions.trim(c.cast(DataTypes.StringType)).equalTo(""));
    }

    /**
     * The CSV reader's refusal of a file with 2D rows (empty z) and 3D rows, naming one row without a z by its file
     * (when Spark knows it), track, frame and coordinates.
     */
    private static org.deepspt.api.InputFormatException mixedDimensions(Dataset<Row> localisations,
            AnalyzeOptions options, long missing, long rows) {
        Row r = localisations.where(blank(options.zColumn())).select(functions.input_file_name(),
                col(options.particleColumn()).cast(DataTypes.StringType), col(options.frameColumn())
                        .cast(DataTypes.StringType), col(options.xColumn()).cast(DataTypes.StringType),
                col(options.yColumn()).cast(DataTypes.StringType)).first();
        String file = r.isNullAt(0) || r.getString(0).isEmpty() ? options.inputName() : localPath(r.getString(0));
        return new org.deepspt.api.InputFormatException(file, 0, options.zColumn(), "mixed 2D and 3D rows: z empty on "
                + missing + (rows > 0 ? " of " + rows : "") + " rows, e.g. at frame " + r.getString(2) + " in track '"
                + r.getString(1) + "' (x = " + r.getString(3) + ", y = " + r.getString(4) + "), but given on others");
    }

    /**
     * An empty (null or blank) value in a grouping column would form a group of its own and cut the tracks that have
     * it on some rows in two, without a word: refused, naming the column, how many rows and one of them.
     */
    private static IllegalArgumentException emptyGroup(Dataset<Row> localisations, AnalyzeOptions options,
            String group, long empty, long rows) {
        Row r = localisations.where(blank(group)).select(col(options.particleColumn()).cast(DataTypes.StringType),
                col(options.frameColumn()).cast(DataTypes.StringType)).first();
        return new IllegalArgumentException(options.inputName() + ": grouping column '" + group + "' is empty on "
                + empty + " of " + rows + " rows, e.g. at frame " + r.getString(1) + " in track '" + r.getString(0)
                + "'; fill it in, or leave the column out of the grouping");
    }

    /** @return a {@code file:} URI as the local path a user typed; another URI as it is */
    static String localPath(String uri) {
        return uri.startsWith("file://") ? uri.substring("file://".length())
                : uri.startsWith("file:") ? uri.substring("file:".length()) : uri;
    }

    /** @return the column of that exact name (dots and back-ticks quoted) */
    static Column col(String name) {
        return functions.col("`" + name.replace("`", "``") + "`");
    }
}
