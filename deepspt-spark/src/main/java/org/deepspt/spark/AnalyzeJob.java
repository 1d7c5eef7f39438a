package org.deepspt.spark;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.deepspt.io.CommandLineTerms;
import org.deepspt.io.GapPolicy;
import org.deepspt.io.ReadOptions;
import org.deepspt.neural.InferenceBackends;
import org.deepspt.options.ModelChoiceOptions;
import org.deepspt.options.OptionUsageException;
import org.deepspt.options.PostProcessingOptions;
import org.deepspt.options.ReadPolicyOptions;
import org.deepspt.options.SharedOptions;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The main class of {@code deepspt-spark.jar} (for {@code spark-submit}) and of {@code deepspt-spark-local.jar}
 * (through {@link LocalJob}): the CLI's {@code analyze} over a Parquet or CSV table of localisations. Writes into
 * {@code --out}: {@code segmentation/} (per frame), {@code segments/} (per segment, D and α),
 * {@code fingerprints/} (per track, with the prediction columns
 * when {@code --classifier} is given) and {@code errors/} (issues), as Parquet (default) or CSV folders.
 * <pre>
 * spark-submit --class org.deepspt.spark.AnalyzeJob --master yarn deepspt-spark.jar \
 *     --in s3://lake/screen/localisations --out s3://lake/screen/deepspt --group-by plate,well \
 *     --frame-interval 0.03 --pixel-size 0.108
 * </pre>
 *
 * <p>The options it shares with the CLI are declared once, in deepspt-options: the read policies, the model choice and
 * the post-processing ({@code --smooth [NATS]}, {@code --no-smooth}, {@code --no-refine}, {@code --no-d-changes},
 * {@code --min-segment}), with the CLI's defaults, checks and error messages, so that the job reproduces an
 * {@code analyze} run with any of them.
 *
 * <p>This class holds the options and refers to no Spark class (not even in a field or a signature, which
 * picocli's reflection would load), so {@code --help} and option errors work where Spark is absent
 * ({@code java -jar deepspt-spark.jar --help}); the run itself is {@link SparkJob}.
 *
 * <p>Exit status, as the CLI's: 0 success, 1 error (input, data, model, Spark), 2 usage error. Every error is
 * one line on stderr, {@code deepspt-spark: error: MESSAGE} or {@code deepspt-spark: usage error: MESSAGE (see
 * 'deepspt-spark --help')}, in the job's option names; {@code --verbose} adds the stack trace.
 */
@Command(name = "deepspt-spark", mixinStandardHelpOptions = true, sortOptions = false,
        resourceBundle = "org.deepspt.spark.AnalyzeJob", defaultValueProvider = AnalyzeJob.Defaults.class,
        description = {"Segment, fingerprint and (with --classifier) classify every track of a table of "
                + "localisations (columns particle, frame, x, y[, z] and grouping columns) on Spark.",
            "On a cluster: spark-submit --class org.deepspt.spark.AnalyzeJob deepspt-spark.jar OPTIONS. "
                + "Without a Spark installation: java -jar deepspt-spark-local.jar OPTIONS (Spark in this JVM, "
                + "master local[*])."})
public final class AnalyzeJob implements Callable<Integer> {
    /** Roles {@code --column} can map; the other reader roles (state, t) have no use in the job. */
    static final List<String> COLUMN_ROLES = List.of("particle", "frame", "x", "y", "z");

    @Option(names = "--in", required = true, paramLabel = "PATH",
            description = "Localisations: Parquet file or folder, or CSV (header row) ending in .csv; a glob "
                    + "reads several files ('fov*.csv', '{a,b}.csv'; quote it for the shell), and so does --in "
                    + "repeated. A comma-separated list is not split.")
    List<String> in = new ArrayList<>();

    @Option(names = "--in-format", paramLabel = "FORMAT",
            description = "parquet or csv (default: csv for a path ending in .csv, else parquet).")
    String inFormat;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Output folder: segmentation/, segments/, fingerprints/, errors/.")
    String out;

    @Option(names = "--out-format", defaultValue = "parquet", paramLabel = "FORMAT",
            description = "parquet or csv (default ${DEFAULT-VALUE}).")
    String outFormat;

    @Option(names = "--overwrite", description = "Replace existing outputs (default: refuse, before any work, "
            + "when one of them exists).")
    boolean overwrite;

    /** As given (split at commas by {@link #groupBy()}, so that an empty name such as {@code --group-by ,} is seen). */
    @Option(names = "--group-by", paramLabel = "COLUMN[,COLUMN…]",
            description = "Grouping columns carried to the outputs, e.g. plate,well.")
    List<String> groupByValues = new ArrayList<>();

    @Option(names = "--column", paramLabel = "ROLE=COLUMN",
            description = "Read a role (particle, frame, x, y, z) from another column, e.g. "
                    + "--column particle=TRACK_ID; repeatable.")
    Map<String, String> columns = new LinkedHashMap<>();

    /** {@code --model}, {@code --backend}, {@code --device}: shared with the CLI, worded in AnalyzeJob.properties. */
    @Mixin
    ModelChoiceOptions models = new ModelChoiceOptions();

    @Option(names = "--classifier", paramLabel = "MODEL.json",
            description = "Trained track classifier (read on the driver, broadcast to the executors).")
    Path classifier;

    /**
     * {@code --pixel-size}, {@code --frame-interval}, {@code --gaps} (default SPLIT here, from {@link Defaults}),
     * {@code --non-finite}: shared with the CLI, worded in AnalyzeJob.properties.
     */
    @Mixin
    ReadPolicyOptions read = new ReadPolicyOptions();

    /**
     * {@code --min-segment}, {@code --smooth [NATS]}, {@code --no-smooth}, {@code --no-refine}, {@code --no-d-changes}:
     * the CLI's post-processing options, declared, checked and worded once (deepspt-options).
     */
    @Mixin
    PostProcessingOptions postProcessing = new PostProcessingOptions();

    @Option(names = "--partitions", defaultValue = "0", paramLabel = "N",
            description = "Partitions of the track shuffle (default 0: sized to the input, see the README).")
    int partitions;

    @Option(names = "--threads-per-task", defaultValue = "1", paramLabel = "N",
            description = "Pipeline threads per Spark task (default ${DEFAULT-VALUE}).")
    int threadsPerTask;

    @Option(names = "--verbose", description = "Print the stack trace of an error.")
    boolean verbose;

    /** The session to run in (tests), or null to build one; typed Object so that this class names no Spark type. */
    private @Nullable Object session;
    private PrintWriter err = new PrintWriter(System.err, true);

    /**
     * Runs the job with the session that {@code spark-submit} (or {@link LocalJob}) configured; exits the JVM
     * with the status when it is not 0.
     *
     * @param args see {@code --help}
     */
    public static void main(String[] args) {
        if (!sparkPresent() && System.getProperty("slf4j.internal.verbosity") == null) {
            // java -jar deepspt-spark.jar without Spark: only the help and option errors can run, and SLF4J has no
            // provider; its notice about that would be the first thing a user reads
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
        int code = run(null, new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * Parses and runs, printing usage to {@code out} and the summary and errors to {@code err}.
     *
     * @param session a {@code SparkSession} to run in (left open), or null to get or create one
     * @return the exit status: 0, 1 (error) or 2 (usage error)
     */
    static int run(@Nullable Object session, PrintWriter out, PrintWriter err, String... args) {
        AnalyzeJob job = new AnalyzeJob();
        job.session = session;
        job.err = err;
        CommandLine cl = new CommandLine(job);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, ignored) -> {
            String msg = ex.getMessage();
            if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
                msg = msg + " (did you mean " + String.join(" or ", u.getSuggestions()) + "?)";
            }
            return usageError(err, msg);
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof OptionUsageException) {
                return usageError(err, ex.getMessage());
            }
            err.println("deepspt-spark: error: " + oneLine(CommandLineTerms.of(SparkErrors.message(ex))));
            if (Arrays.asList(args).contains("--verbose")) {
                ex.printStackTrace(err);
            }
            err.flush();
            return 1;
        });
        int code;
        try {
            code = cl.execute(args);
        } catch (OutOfMemoryError | StackOverflowError e) {
            // picocli passes Errors through; on the driver they are still one line
            Runtime rt = Runtime.getRuntime();
            err.println("deepspt-spark: error: " + (e instanceof OutOfMemoryError
                    ? "out of memory on the driver (" + (rt.totalMemory() - rt.freeMemory()) / (1 << 20) + " MB in use of "
                            + rt.maxMemory() / (1 << 20) + " MB): give it more with spark-submit --driver-memory, or "
                            + "java -Xmx for the local jar"
                    : "stack overflow on the driver") + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
            code = 1;
        }
        out.flush();
        err.flush();
        return code;
    }

    @Override
    public Integer call() {
        validate();
        if (session == null && !sparkPresent()) {
            throw new IllegalStateException("Spark is not on the class path: submit this jar with spark-submit "
                    + "(see the README), or run the job locally with java -jar deepspt-spark-local.jar (built "
                    + "next to this jar, with Spark's jars in lib/)");
        }
        return SparkJob.run(this, session, err);
    }

    /** Checks every option before Spark starts; a bad value is a usage error (exit 2) naming the option. */
    void validate() {
        Map<String, String> formats = new LinkedHashMap<>();
        formats.put("--out-format", outFormat);
        if (inFormat != null) {
            formats.put("--in-format", inFormat);
        }
        formats.forEach((option, f) -> {
            String v = f.toLowerCase(Locale.ROOT);
            if (!v.equals("parquet") && !v.equals("csv")) {
                throw new OptionUsageException(option + " must be parquet or csv, got '" + f + "'");
            }
        });
        for (String g : groupBy()) {
            if (g.isBlank()) {
                throw new OptionUsageException("--group-by: empty column name in '" + String.join(",", groupByValues)
                        + "'");
            }
        }
        for (String role : columns.keySet()) {
            if (!COLUMN_ROLES.contains(role)) {
                throw new OptionUsageException("--column " + role + "=" + columns.get(role) + ": unknown role '" + role
                        + "'; use one of " + COLUMN_ROLES);
            }
        }
        SharedOptions.checkModel(models.model());
        models.checkedBackend();
        models.checkedDevice();
        read.applyTo(ReadOptions.builder());
        postProcessing.validate();
        if (partitions < 0) {
            throw new OptionUsageException("--partitions must be >= 0 (0: sized to the input), got " + partitions);
        }
        if (threadsPerTask < 1) {
            throw new OptionUsageException("--threads-per-task must be >= 1, got " + threadsPerTask);
        }
    }

    /** @return the analysis options these command-line options give (after {@link #validate()}) */
    AnalyzeOptions options() {
        ReadOptions.Builder readOptions = read.applyTo(ReadOptions.builder());
        columns.forEach(readOptions::column);
        AnalyzeOptions o = AnalyzeOptions.defaults().readOptions(readOptions.build())
                .groupBy(groupBy().toArray(String[]::new)).model(models.model()).backend(models.checkedBackend())
                .device(models.deviceAsGiven()).postProcessing(postProcessing.settings())
                .refineBoundaries(postProcessing.refineBoundaries()).partitions(partitions)
                .threadsPerTask(threadsPerTask).inputName(inputName());
        return classifier == null ? o : o.classifier(classifier);
    }

    /** @return the {@code --in} paths as messages name the input: one path, or several joined by {@code ", "} */
    String inputName() {
        return String.join(", ", in);
    }

    /** @return the {@code --group-by} columns, every value split at its commas (empty names kept) */
    List<String> groupBy() {
        List<String> names = new ArrayList<>();
        for (String v : groupByValues) {
            names.addAll(Arrays.asList(v.split(",", -1)));
        }
        return names;
    }

    private static boolean sparkPresent() {
        try {
            Class.forName("org.apache.spark.sql.SparkSession", false, AnalyzeJob.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    static List<String> backendNames() {
        return InferenceBackends.choices();
    }

    private static int usageError(PrintWriter err, String message) {
        err.println("deepspt-spark: usage error: " + oneLine(message) + " (see 'deepspt-spark --help')");
        err.flush();
        return 2;
    }

    /** An error is one line: line breaks that reach a message (from the input, or Spark's) become spaces. */
    static String oneLine(String message) {
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /**
     * The defaults that differ from the CLI's: {@code --gaps SPLIT} (a table has no format whose tracker closes gaps
     * on purpose, so the CLI's per-format default has nothing to go by).
     */
    static final class Defaults implements CommandLine.IDefaultValueProvider {
        @Override
        public @Nullable String defaultValue(CommandLine.Model.ArgSpec arg) {
            return arg instanceof CommandLine.Model.OptionSpec o && o.longestName().equals("--gaps")
                    ? GapPolicy.SPLIT.name() : null;
        }
    }
}
