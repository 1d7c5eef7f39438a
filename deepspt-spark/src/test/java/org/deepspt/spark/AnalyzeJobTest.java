package org.deepspt.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.deepspt.api.SegmenterOptions;
import org.deepspt.api.Segmenters;
import org.deepspt.cli.Main;
import org.deepspt.pipeline.PostProcessing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The job's command line: outputs, exit status, and errors as one line in the job's option names (never a stack
 * trace, never a Java type), each case of the CLI's file readers refused or reported as the CLI does.
 */
class AnalyzeJobTest {

    /** What one run of the job printed and returned. */
    private record Run(int code, String out, String err) {
        /** @return the error line, asserting that stderr holds exactly one line starting with {@code prefix} */
        String oneLine(String prefix) {
            List<String> lines = err.strip().lines().toList();
            assertEquals(1, lines.size(), "one line expected on stderr:\n" + err);
            assertTrue(lines.get(0).startsWith(prefix), lines.get(0));
            assertFalse(err.contains("\tat ") || err.contains("Exception"), err);
            return lines.get(0);
        }
    }

    private static Run job(SparkSession spark, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = AnalyzeJob.run(spark, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    /** Tracks 1 and 2 of 20 points each (frames 0..19); {@code row} replaces the row of frame 1 of track 1. */
    private static Path csv(Path dir, String name, String header, String row) throws IOException {
        StringBuilder sb = new StringBuilder(header).append('\n');
        for (int particle = 1; particle <= 2; particle++) {
            for (int f = 0; f < 20; f++) {
                sb.append(particle == 1 && f == 1 ? row : particle + "," + f + "," + (0.1 * f) + "," + (0.05 * f * f))
                        .append('\n');
            }
        }
        Path p = dir.resolve(name);
        Files.writeString(p, sb.toString());
        return p;
    }

    @Test
    void parquetInParquetOut(@TempDir Path dir) {
        SparkSession spark = LocalSpark.session();
        String in = dir.resolve("locs.parquet").toString();
        Dataset<Row> locs = DeepSptSpark.read(spark, LocalSpark.example("tracks-2d.csv").toString(), null)
                .where("cast(particle as int) < 10").withColumn("well", functions.lit("A1"));
        locs.write().parquet(in);
        String out = dir.resolve("out").toString();
        Run ok = job(spark, "--in", in, "--out", out, "--group-by", "well", "--frame-interval", "0.03", "--model",
                "rolling-msd");
        assertEquals(0, ok.code(), ok.err());
        // 1,962 rows on local[2]: min(3 x 2, ceil(1962 / 5000)) = 1 partition
        String summary = ok.oneLine("analysed 10 tracks with rolling-msd in ");
        assertTrue(summary.endsWith("0 tracks rejected, 0 modified -> errors/; 1 partition"), summary);
        Dataset<Row> tracks = spark.read().parquet(out + "/fingerprints");
        Dataset<Row> frames = spark.read().parquet(out + "/segmentation");
        Dataset<Row> errors = spark.read().parquet(out + "/errors");
        assertEquals(10, tracks.count());
        assertEquals(locs.count(), frames.count());
        assertEquals(0, errors.count());
        assertEquals("well", frames.columns()[0]);
        int last = frames.columns().length - 1;
        assertEquals(List.of("segment", "x", "y", "interpolated", "input_track"), List.of(frames.columns())
                .subList(last - 4, last + 1));
        assertEquals("p_subdiffusive", frames.columns()[last - 7]);
        // an existing output: refused up front, one line, exit 2 (was a 98-line AnalysisException trace)
        Run again = job(spark, "--in", in, "--out", out);
        assertEquals(2, again.code());
        assertEquals("deepspt-spark: usage error: --out " + out + " already holds fingerprints/; use --overwrite to "
                + "replace the outputs, or another --out (see 'deepspt-spark --help')", again.oneLine(""));
    }

    /**
     * --overwrite replaces the three outputs together and leaves no staging folder; a run that fails (here on a
     * malformed cell) leaves the previous outputs as they were (before: each output was replaced on its own, so a
     * failure between two writes left outputs of two runs; found by review).
     */
    @Test
    void overwriteIsAllOrNothing(@TempDir Path dir) throws IOException {
        SparkSession spark = LocalSpark.session();
        Path first = csv(dir, "first.csv", "particle,frame,x,y", "1,1,0.1,0.02");
        Path bad = csv(dir, "bad.csv", "particle,frame,x,y", "1,1,abc,0");
        String out = dir.resolve("out").toString();
        assertEquals(0, job(spark, "--in", first.toString(), "--out", out, "--model", "rolling-msd").code());
        long before = spark.read().parquet(out + "/segmentation").count();
        Run failed = job(spark, "--in", bad.toString(), "--out", out, "--model", "rolling-msd", "--overwrite");
        assertEquals(1, failed.code(), failed.err());
        assertEquals(before, spark.read().parquet(out + "/segmentation").count());
        assertEquals(2, spark.read().parquet(out + "/fingerprints").count());
        Run again = job(spark, "--in", first.toString(), "--out", out, "--model", "rolling-msd", "--overwrite");
        assertEquals(0, again.code(), again.err());
        try (var files = java.nio.file.Files.list(dir.resolve("out"))) {
            assertEquals(List.of("errors", "fingerprints", "segmentation", "segments"),
                    files.map(f -> f.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList());
        }
    }

    /** Text in a coordinate column: refused with the row and the value, under both policies (as the CLI). */
    @Test
    void textInANumericColumnIsRefusedWithRowAndValue(@TempDir Path dir) throws IOException {
        SparkSession spark = LocalSpark.session();
        Path in = csv(dir, "text.csv", "particle,frame,x,y", "1,1,abc,0.1");
        for (String policy : List.of("ERROR", "DROP_TRACK")) {
            Run r = job(spark, "--in", in.toString(), "--out", dir.resolve("out-" + policy).toString(),
                    "--model", "rolling-msd", "--non-finite", policy);
            assertEquals(1, r.code(), r.err());
            assertEquals("deepspt-spark: error: " + in + ", field 'x': 'abc' is not a number at frame 1 in track '1'",
                    r.oneLine(""));
            assertFalse(Files.exists(dir.resolve("out-" + policy).resolve("fingerprints")), "nothing written");
        }
    }

    /** A frame of 2^32 + 1 in a long column is refused with its value; it used to become frame 1 silently. */
    @Test
    void framesPast32BitsAreRefused(@TempDir Path dir) {
        SparkSession spark = LocalSpark.session();
        String in = dir.resolve("frames.parquet").toString();
        spark.sql("select 1 as particle, 0L as frame, 0.0 as x, 0.0 as y union all "
                + "select 1, 4294967297L, 0.1, 0.1 union all select 1, 2L, 0.2, 0.2").write().parquet(in);
        Run r = job(spark, "--in", in, "--out", dir.resolve("out").toString(), "--model", "rolling-msd");
        assertEquals(1, r.code(), r.err());
        assertEquals("deepspt-spark: error: " + in + ", field 'frame': 4294967297 is outside the integer range "
                + "±2147483647 (2^31 - 1) in track '1' (row with x = 0.1, y = 0.1)", r.oneLine(""));
    }

    /**
     * A NaN under ERROR names the row and the option to use, not the Java type; under DROP_TRACK the track is
     * rejected, counted on stderr and listed in errors/ with the reason.
     */
    @Test
    void nonFiniteCoordinates(@TempDir Path dir) throws IOException {
        SparkSession spark = LocalSpark.session();
        Path in = csv(dir, "nan.csv", "particle,frame,x,y", "1,1,NaN,0.1");
        Run error = job(spark, "--in", in.toString(), "--out", dir.resolve("e").toString(), "--model", "rolling-msd");
        assertEquals(1, error.code(), error.err());
        assertEquals("deepspt-spark: error: " + in + ", field 'x': non-finite x = NaN at frame 1 in track '1' (use "
                + "--non-finite DROP_TRACK to drop such tracks)", error.oneLine(""));

        String out = dir.resolve("d").toString();
        Run drop = job(spark, "--in", in.toString(), "--out", out, "--model", "rolling-msd", "--non-finite",
                "drop_track", "--out-format", "csv");
        assertEquals(0, drop.code(), drop.err());
        assertTrue(drop.oneLine("analysed 1 tracks with rolling-msd").contains("; 1 track rejected, 0 modified -> errors/"),
                drop.err());
        List<Row> issues = spark.read().option("header", "true").csv(out + "/errors").collectAsList();
        assertEquals(1, issues.size());
        assertEquals("1", issues.get(0).getString(0));
        assertEquals("REJECTED", issues.get(0).getString(1));
        assertTrue(issues.get(0).getString(2).contains("non-finite x = NaN at frame 1"), issues.get(0).toString());
    }

    /**
     * A track split at a gap (default {@code --gaps SPLIT}) into a piece kept and a piece too short: the summary
     * counts it once, as modified, and the report's three entries apart, as the CLI's {@code analyze} does (before:
     * {@code 1 track rejected, 2 modified}, the rows of errors/ by kind).
     */
    @Test
    void summaryCountsInputTracksAsTheCli(@TempDir Path dir) throws IOException {
        SparkSession spark = LocalSpark.session();
        StringBuilder sb = new StringBuilder("particle,frame,x,y\n");
        for (int f = 0; f < 20; f++) {
            if (f < 15 || f >= 18) {
                sb.append(1).append(',').append(f < 15 ? f : f + 2).append(',').append(0.1 * f).append(",0.0\n");
            }
            sb.append(2).append(',').append(f).append(',').append(0.1 * f).append(',').append(0.05 * f * f)
                    .append('\n');
        }
        Path in = dir.resolve("gap.csv");
        Files.writeString(in, sb.toString());
        String out = dir.resolve("out").toString();
        Run r = job(spark, "--in", in.toString(), "--out", out, "--model", "rolling-msd", "--out-format", "csv");
        assertEquals(0, r.code(), r.err());
        String summary = r.oneLine("analysed 2 tracks with rolling-msd");
        assertTrue(summary.contains("; 0 tracks rejected, 1 modified (3 report entries) -> errors/"), summary);
        assertEquals(3, spark.read().option("header", "true").csv(out + "/errors").count());
    }

    /**
     * A classifier trained at another frame interval: the job says so in a {@code warning:} line naming the classifier
     * file and the input, as the CLI's {@code analyze --classifier} does, and classifies (before: nothing was said).
     */
    @Test
    void aClassifierOfAnotherFrameIntervalIsAWarningLine(@TempDir Path dir) throws IOException {
        SparkSession spark = LocalSpark.session();
        Path in = csv(dir, "walk.csv", "particle,frame,x,y", "1,1,0.1,0.05");
        Path model = dir.resolve("model.json");
        Files.writeString(model, org.deepspt.classify.TrackClassifiers.toJson(RandomClassifiers.logistic(6, 2)
                // the context analyze --model rolling-msd records
                .withContext(org.deepspt.fingerprint.FingerprintContext.of(2, List.of(1.0), "µm", "rolling-msd",
                        "smooth=9.0;refine=off;d-changes=off;min-segment=1"))));
        Run r = job(spark, "--in", in.toString(), "--out", dir.resolve("o").toString(), "--model", "rolling-msd",
                "--classifier", model.toString(), "--frame-interval", "0.01");
        assertEquals(0, r.code(), r.err());
        List<String> warnings = r.err().lines().filter(l -> l.startsWith("warning:")).toList();
        assertEquals(1, warnings.size(), r.err());
        assertTrue(warnings.get(0).startsWith("warning: the fingerprints of " + in + " differ from those classifier "
                + model + " was trained on: frame interval 0.01 s (classifier: 1 s)"), warnings.get(0));
    }

    /** A missing column names the option that maps it ({@code --column}), and --column does map it. */
    @Test
    void missingColumnNamesTheJobsOption(@TempDir Path dir) throws IOException {
        SparkSession spark = LocalSpark.session();
        Path in = csv(dir, "cols.csv", "particle,frame,x,POS_Y", "1,1,0.1,0.1");
        Run r = job(spark, "--in", in.toString(), "--out", dir.resolve("a").toString(), "--model", "rolling-msd");
        assertEquals(1, r.code(), r.err());
        String line = r.oneLine("deepspt-spark: error: missing column 'y'");
        assertTrue(line.endsWith("map another column with --column y=HEADER"), line);
        Run mapped = job(spark, "--in", in.toString(), "--out", dir.resolve("b").toString(), "--model",
                "rolling-msd", "--column", "y=POS_Y");
        assertEquals(0, mapped.code(), mapped.err());
    }

    /** Bad option values: one line, exit 2, before Spark does anything (no session is needed). */
    @Test
    void usageErrorsAreOneLine() {
        String[][] cases = {
            {"--model", "unet2"}, {"--partitions", "-1"}, {"--backend", "gpu"}, {"--column", "state=S"},
            {"--pixel-size", "0"}, {"--out-format", "json"}, {"--in-format", "orc"}, {"--non-finite", "SKIP"}, {"--threads-per-task", "0"}};
        for (String[] c : cases) {
            Run r = job(null, "--in", "x.parquet", "--out", "o", c[0], c[1]);
            assertEquals(2, r.code(), String.join(" ", c) + ": " + r.err());
            String line = r.oneLine("deepspt-spark: usage error: ");
            assertTrue(line.contains(c[0]) && line.endsWith("(see 'deepspt-spark --help')"), line);
        }
        Run model = job(null, "--in", "x.parquet", "--out", "o", "--model", "unet2");
        assertTrue(model.err().contains(Segmenters.names().toString()), model.err());
    }

    /**
     * Bad post-processing values: the CLI's usage error, word for word after the tool's prefix, exit 2 before Spark
     * starts ({@code --smooth} NaN, infinite or negative; {@code --min-segment} below 1), also when {@code --no-smooth}
     * turns the smoothing off, as in the CLI.
     */
    @Test
    void badPostProcessingValuesAreTheClisUsageErrors() {
        String[][] cases = {{"--smooth=-1"}, {"--smooth", "NaN"}, {"--smooth=Infinity"}, {"--smooth=-1", "--no-smooth"},
            {"--min-segment", "0"}};
        for (String[] c : cases) {
            Run r = job(null, concat(new String[] {"--in", "x.parquet", "--out", "o"}, c));
            assertEquals(2, r.code(), String.join(" ", c) + ": " + r.err());
            String line = r.oneLine("deepspt-spark: usage error: ");
            String message = line.substring("deepspt-spark: usage error: ".length(),
                    line.length() - " (see 'deepspt-spark --help')".length());
            assertTrue(message.startsWith(c[0].replaceAll("=.*", "") + " must be "), line);
            StringWriter cliErr = new StringWriter();
            int cli = Main.run(concat(new String[] {"analyze", "--in", "x.csv", "--out", "o"}, c),
                    new PrintWriter(new StringWriter(), true), new PrintWriter(cliErr, true));
            assertEquals(2, cli, cliErr.toString());
            assertEquals("deepspt analyze: usage error: " + message + " (see 'deepspt analyze --help')",
                    cliErr.toString().strip(), String.join(" ", c));
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /**
     * The post-processing options reach the analysis options as the CLI's reach its pipeline: the settings
     * ({@link PostProcessing}), and the segmenter the executors open (the penalty and refinement; D changes left to the
     * pipeline). {@code --smooth} with {@code --no-smooth}: no smoothing, as in the CLI.
     */
    @Test
    void postProcessingOptionsReachTheAnalysis() {
        AnalyzeOptions d = options();
        assertEquals(PostProcessing.defaults(), d.postProcessing());
        assertTrue(d.refineBoundaries());
        SegmenterOptions opened = d.segmenterOptions();
        assertEquals(SegmenterOptions.DEFAULT_SWITCH_PENALTY, opened.switchPenalty());
        assertTrue(opened.refineBoundaries());
        assertFalse(opened.diffusivityChanges(), "D changes are found by the pipeline, as in the CLI");

        AnalyzeOptions g = options("--smooth", "4", "--no-refine", "--no-d-changes", "--min-segment", "3", "--backend",
                "jvm");
        assertEquals(new PostProcessing(4, false, 3), g.postProcessing());
        assertEquals(3, g.minSegment());
        assertFalse(g.refineBoundaries());
        assertEquals(SegmenterOptions.defaults().withBackend("jvm").withSwitchPenalty(4).withRefinedBoundaries(false)
                .withDiffusivityChanges(false), g.segmenterOptions());

        assertEquals(new PostProcessing(0, true, 1), options("--no-smooth").postProcessing());
        assertEquals(new PostProcessing(0, true, 1), options("--smooth", "4", "--no-smooth").postProcessing());
        assertEquals(0, options("--no-smooth").segmenterOptions().switchPenalty());
        assertEquals(PostProcessing.defaults(), options("--smooth").postProcessing(), "--smooth alone: the default");
    }

    private static AnalyzeOptions options(String... post) {
        AnalyzeJob job = new AnalyzeJob();
        new CommandLine(job).parseArgs(concat(new String[] {"--in", "x.parquet", "--out", "o"}, post));
        job.validate();
        return job.options();
    }

    /**
     * Options of {@code deepspt analyze} the job does not take, and why; every other option of {@code analyze} is
     * one of the job's, so that an option added to the CLI is added to the job or listed here.
     */
    static final Map<String, String> CLI_ONLY = Map.of(
            "--format", "a table has no file format to force: --in-format parquet|csv",
            "--branches", "TrackMate XML lineages are not Spark input",
            "--all-tracks", "TrackMate XML filters are not Spark input",
            "--threads", "Spark's cores give the parallelism: --threads-per-task",
            "--no-progress", "the job draws no progress bar",
            "--labels", "the report's confusion matrix: the job writes no report",
            "--sample", "the report's track sample: the job writes no report",
            "--seed", "the report's track sample: the job writes no report");

    /**
     * The job takes the CLI's {@code analyze} options (less {@link #CLI_ONLY}); the post-processing options, declared
     * once in deepspt-options, have the CLI's names, defaults, labels, arity and descriptions (before, the job had
     * none of them and always applied the defaults).
     */
    @Test
    void theJobTakesTheClisAnalyzeOptions() {
        CommandLine cli = new CommandLine(new Main()).getSubcommands().get("analyze");
        CommandLine job = new CommandLine(new AnalyzeJob());
        Map<String, OptionSpec> cliOptions = new TreeMap<>();
        cli.getCommandSpec().options().forEach(o -> cliOptions.put(o.longestName(), o));
        TreeSet<String> missing = new TreeSet<>(cliOptions.keySet());
        job.getCommandSpec().options().forEach(o -> missing.remove(o.longestName()));
        missing.removeAll(List.of("--help", "--version", "--verbose"));
        assertEquals(new TreeSet<>(CLI_ONLY.keySet()), missing, "options of deepspt analyze the job lacks");
        for (String name : List.of("--min-segment", "--smooth", "--no-smooth", "--no-refine", "--no-d-changes")) {
            OptionSpec c = cliOptions.get(name);
            OptionSpec j = job.getCommandSpec().findOption(name);
            assertEquals(c.defaultValue(), j.defaultValue(), name);
            assertEquals(c.fallbackValue(), j.fallbackValue(), name);
            assertEquals(c.paramLabel(), j.paramLabel(), name);
            assertEquals(c.arity(), j.arity(), name);
            assertEquals(List.of(c.description()), List.of(j.description()), name);
        }
        String usage = job(null, "--help").out().replaceAll("\\s+", " ");
        assertTrue(usage.contains("--smooth[=NATS] Post-processing, on by default"), usage);
        assertTrue(usage.contains("(default 9.0)"), usage);
    }

    /** The help lists the registry's model and backend names, never a copy (unet-fast and unet-int8 included). */
    @Test
    void helpListsTheRegistry() {
        Run help = job(null, "--help");
        assertEquals(0, help.code());
        String usage = help.out().replaceAll("\\s+", " ");
        assertTrue(Segmenters.names().containsAll(List.of("unet", "unet-fast", "unet-int8", "rolling-msd")));
        for (String name : Segmenters.names()) {
            assertTrue(usage.contains(name + ",") || usage.contains(name + " ("), name + " not in " + usage);
        }
        for (String backend : AnalyzeJob.backendNames()) {
            assertTrue(usage.contains(backend + ",") || usage.contains(backend + " ("), backend);
        }
    }

    /**
     * The options shared with the CLI (deepspt-options' mixins) keep the job's defaults and wording: --gaps SPLIT
     * (the CLI has a per-format default), the table-specific descriptions of AnalyzeJob.properties, not the CLI's.
     */
    @Test
    void sharedOptionsKeepTheJobsDefaultsAndWording() {
        AnalyzeJob defaults = new AnalyzeJob();
        new picocli.CommandLine(defaults).parseArgs("--in", "x.parquet", "--out", "o");
        defaults.validate();
        AnalyzeOptions d = defaults.options();
        assertEquals(org.deepspt.io.GapPolicy.SPLIT, d.readOptions().gapPolicy());
        assertEquals(org.deepspt.io.NonFinitePolicy.ERROR, d.readOptions().nonFinitePolicy());
        assertEquals(1.0, d.readOptions().pixelSize());
        assertTrue(d.readOptions().frameInterval().isEmpty());
        assertEquals("unet", d.model());

        AnalyzeJob given = new AnalyzeJob();
        picocli.CommandLine cl = new picocli.CommandLine(given);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.parseArgs("--in", "x.parquet", "--out", "o", "--gaps", "interpolate", "--non-finite", "DROP_TRACK",
                "--pixel-size", "0.108", "--frame-interval", "0.03", "--model", "rolling-msd", "--backend", "JVM");
        given.validate();
        AnalyzeOptions g = given.options();
        assertEquals(org.deepspt.io.GapPolicy.INTERPOLATE, g.readOptions().gapPolicy());
        assertEquals(org.deepspt.io.NonFinitePolicy.DROP_TRACK, g.readOptions().nonFinitePolicy());
        assertEquals(0.108, g.readOptions().pixelSize());
        assertEquals(0.03, g.readOptions().frameInterval().orElseThrow());
        assertEquals("rolling-msd", g.model());
        assertEquals("jvm", g.segmenterOptions().backend());

        String usage = job(null, "--help").out().replaceAll("\\s+", " ");
        assertTrue(usage.contains("Frame interval in s (default 1 s)."), usage);
        assertTrue(usage.contains("Pixel size in µm/px (default 1: µm)."), usage);
        assertTrue(usage.contains("Missing frames inside a track: SPLIT, INTERPOLATE, REJECT (default SPLIT)."), usage);
        assertTrue(usage.contains("--device=DEVICE CPU or CUDA (default CPU)."), usage);
        assertFalse(usage.contains("from the file when it has one"), usage);
    }

    /**
     * The main class names no Spark type in a field or a signature (picocli's reflection would load it), so
     * {@code java -jar deepspt-spark.jar --help} runs without Spark: checked in a JVM whose class path has no
     * Spark, Scala or Hadoop jar.
     */
    @Test
    void helpRunsWithoutSpark() throws Exception {
        String cp = String.join(java.io.File.pathSeparator, java.util.Arrays.stream(
                System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(e -> !Path.of(e).getFileName().toString().matches("(spark|scala|hadoop|json4s|chill).*"))
                .toList());
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", cp,
                AnalyzeJob.class.getName(), "--help").redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), text);
        assertTrue(text.startsWith("Usage: deepspt-spark"), text);
        Process run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", cp,
                AnalyzeJob.class.getName(), "--in", "x.csv", "--out", "o").redirectErrorStream(true).start();
        String err = new String(run.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(1, run.waitFor(), err);
        assertTrue(err.strip().startsWith("deepspt-spark: error: Spark is not on the class path")
                && err.strip().lines().count() == 1, err);
    }

    /** The integer type of a frame column does not matter; a double frame must be integral, as in a CSV file. */
    @Test
    void typedFrameColumns(@TempDir Path dir) {
        SparkSession spark = LocalSpark.session();
        Dataset<Row> locs = DeepSptSpark.read(spark, LocalSpark.example("tracks-2d.csv").toString(), null)
                .where("cast(particle as int) < 3");
        String in = dir.resolve("typed.parquet").toString();
        locs.withColumn("frame", functions.col("frame").cast(DataTypes.DoubleType))
                .withColumn("x", functions.col("x").cast(DataTypes.DoubleType)).write().parquet(in);
        Run r = job(spark, "--in", in, "--out", dir.resolve("o").toString(), "--model", "rolling-msd");
        assertEquals(0, r.code(), r.err());
        r.oneLine("analysed 3 tracks with rolling-msd");
    }
}
