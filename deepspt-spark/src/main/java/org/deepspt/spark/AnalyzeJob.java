package org.deepspt.spark;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.deepspt.io.GapPolicy;
import org.deepspt.io.NonFinitePolicy;
import org.deepspt.io.ReadOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code spark-submit} main class of {@code deepspt-spark.jar}: the CLI's {@code analyze} over a Parquet
 * or CSV table of localisations. Writes into {@code --out}: {@code segmentation/} (per frame),
 * {@code fingerprints/} (per track, with the prediction columns when {@code --classifier} is given) and
 * {@code errors/} (issues), as Parquet (default) or CSV folders.
 * <pre>
 * spark-submit --class org.deepspt.spark.AnalyzeJob --master yarn deepspt-spark.jar \
 *     --in s3://lake/screen/localisations --out s3://lake/screen/deepspt --group-by plate,well \
 *     --frame-interval 0.03 --pixel-size 0.108
 * </pre>
 */
@Command(name = "deepspt-spark", mixinStandardHelpOptions = true,
        description = "Segment, fingerprint and (with --classifier) classify every track of a table of "
                + "localisations (particle, frame, x, y[, z] and grouping columns) on Spark.")
public final class AnalyzeJob implements Callable<Integer> {

    @Option(names = "--in", required = true, paramLabel = "PATH",
            description = "Localisations: Parquet file or folder, or CSV (header row) ending in .csv.")
    String in;

    @Option(names = "--in-format", paramLabel = "FORMAT",
            description = "parquet or csv (default: csv for a path ending in .csv, else parquet).")
    String inFormat;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Output folder: segmentation/, fingerprints/, errors/.")
    String out;

    @Option(names = "--out-format", defaultValue = "parquet", paramLabel = "FORMAT",
            description = "parquet or csv (default ${DEFAULT-VALUE}).")
    String outFormat;

    @Option(names = "--overwrite", description = "Replace existing outputs (default: fail if they exist).")
    boolean overwrite;

    @Option(names = "--group-by", split = ",", paramLabel = "COLUMN",
            description = "Grouping columns carried to the outputs, e.g. plate,well.")
    List<String> groupBy = List.of();

    @Option(names = "--model", defaultValue = "unet", paramLabel = "NAME",
            description = "Segmentation model: unet, rolling-msd, a bundled model's name, or a "
                    + "*.manifest.json path readable on every executor (default ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--backend", defaultValue = "auto", paramLabel = "BACKEND",
            description = "auto, onnx or jvm (default ${DEFAULT-VALUE}).")
    String backend;

    @Option(names = "--device", defaultValue = "CPU", paramLabel = "DEVICE",
            description = "CPU or CUDA (default ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--classifier", paramLabel = "MODEL.json",
            description = "Trained track classifier (read on the driver, broadcast to the executors).")
    Path classifier;

    @Option(names = "--pixel-size", paramLabel = "UM", description = "Pixel size in µm/px (default 1: µm).")
    Double pixelSize;

    @Option(names = "--frame-interval", paramLabel = "S", description = "Frame interval in s (default 1 s).")
    Double frameInterval;

    @Option(names = "--gaps", defaultValue = "SPLIT", paramLabel = "POLICY",
            description = "Missing frames inside a track: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    GapPolicy gaps;

    @Option(names = "--non-finite", defaultValue = "ERROR", paramLabel = "POLICY",
            description = "NaN/missing coordinates: ERROR fails the job, DROP_TRACK rejects the track "
                    + "(default ${DEFAULT-VALUE}).")
    NonFinitePolicy nonFinite;

    @Option(names = "--partitions", defaultValue = "0", paramLabel = "N",
            description = "Partitions of the track shuffle (default: spark.sql.shuffle.partitions).")
    int partitions;

    @Option(names = "--threads-per-task", defaultValue = "1", paramLabel = "N",
            description = "Pipeline threads per Spark task (default ${DEFAULT-VALUE}).")
    int threadsPerTask;

    private SparkSession spark;

    /**
     * @param args see {@code --help}
     */
    public static void main(String[] args) {
        int code = new CommandLine(new AnalyzeJob()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * Runs the job in an existing session (tests, notebooks); the session is left open.
     *
     * @param session the session
     * @param args as for {@link #main}
     * @return the exit code (0 on success)
     */
    public static int run(SparkSession session, String... args) {
        AnalyzeJob job = new AnalyzeJob();
        job.spark = session;
        return new CommandLine(job).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    }

    @Override
    public Integer call() {
        String fmt = outFormat.toLowerCase(Locale.ROOT);
        if (!fmt.equals("parquet") && !fmt.equals("csv")) {
            throw new IllegalArgumentException("--out-format must be parquet or csv, got '" + outFormat + "'");
        }
        ReadOptions.Builder read = ReadOptions.builder().gapPolicy(gaps).nonFinitePolicy(nonFinite);
        if (pixelSize != null) {
            read.pixelSize(pixelSize);
        }
        if (frameInterval != null) {
            read.frameInterval(frameInterval);
        }
        AnalyzeOptions options = AnalyzeOptions.defaults().readOptions(read.build())
                .groupBy(groupBy.toArray(String[]::new)).model(model).backend(backend).device(device)
                .partitions(partitions).threadsPerTask(threadsPerTask);
        if (classifier != null) {
            options = options.classifier(classifier);
        }
        boolean own = spark == null;
        SparkSession session = own ? SparkSession.builder().appName("deepspt-spark").getOrCreate() : spark;
        try {
            long start = System.nanoTime();
            Dataset<Row> locs = DeepSptSpark.read(session, in, inFormat);
            try (SparkAnalysis a = DeepSptSpark.analyze(session, locs, options)) {
                write(a.tracks(), "fingerprints", fmt);
                write(a.frames(), "segmentation", fmt);
                write(a.issues(), "errors", fmt);
                long tracks = a.tracks().count();
                long issues = a.issues().count();
                System.err.printf(Locale.ROOT, "analysed %d tracks with %s in %.1f s -> %s (segmentation/, "
                        + "fingerprints/, errors/: %d issues)%n", tracks, model, (System.nanoTime() - start) / 1e9,
                        out, issues);
            }
        } finally {
            if (own) {
                session.stop();
            }
        }
        return 0;
    }

    private void write(Dataset<Row> d, String name, String fmt) {
        d.write().mode(overwrite ? SaveMode.Overwrite : SaveMode.ErrorIfExists).format(fmt)
                .option("header", "true").save(out + "/" + name);
    }
}
