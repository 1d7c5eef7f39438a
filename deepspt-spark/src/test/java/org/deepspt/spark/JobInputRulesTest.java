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
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job refuses or reports each case of the CLI's CSV reader as the CLI does, in one error line that locates it
 * (a data engineer's review of the job against {@code deepspt analyze}).
 */
class JobInputRulesTest {

    private record Run(int code, String err) {
        String oneLine() {
            List<String> lines = err.strip().lines().toList();
            assertEquals(1, lines.size(), "one line expected on stderr:\n" + err);
            assertFalse(err.contains("\tat ") || err.contains("Exception"), err);
            return lines.get(0);
        }
    }

    private static Run job(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = AnalyzeJob.run(LocalSpark.session(), new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, err.toString());
    }

    /** Tracks 1 and 2 of 20 points each, 3D; track 2 has no z (empty field) when {@code mixed}. */
    private static Path tracks3d(Path dir, String name, boolean mixed) throws IOException {
        StringBuilder sb = new StringBuilder("particle,frame,x,y,z\n");
        for (int p = 1; p <= 2; p++) {
            for (int f = 0; f < 20; f++) {
                sb.append(p).append(',').append(f).append(',').append(0.1 * f).append(',').append(0.05 * f)
                        .append(',').append(p == 2 && mixed ? "" : String.valueOf(0.2 + 0.01 * f)).append('\n');
            }
        }
        Path p = dir.resolve(name);
        Files.writeString(p, sb.toString());
        return p;
    }

    /**
     * 2D rows (empty z) beside 3D rows: refused as the CLI refuses them, naming the field and the file, under either
     * --non-finite policy (before: a non-finite z advising DROP_TRACK, and DROP_TRACK rejected every 2D track).
     */
    @Test
    void mixed2dAnd3dRowsAreRefused(@TempDir Path dir) throws IOException {
        Path in = tracks3d(dir, "mixed.csv", true);
        for (String policy : List.of("ERROR", "DROP_TRACK")) {
            Run r = job("--in", in.toString(), "--out", dir.resolve("o-" + policy).toString(), "--model",
                    "rolling-msd", "--non-finite", policy);
            assertEquals(1, r.code(), r.err());
            String line = r.oneLine();
            assertTrue(line.startsWith("deepspt-spark: error: " + in + ", field 'z': mixed 2D and 3D rows: z empty on "
                    + "20 of 40 rows, e.g. at frame "), line);
            assertTrue(line.contains("in track '2'"), line);
            assertFalse(line.contains("DROP_TRACK"), line);
        }
    }

    /** Tracks 1 and 2 of 20 points each, 2D, under {@code header} (its first four columns are the values'). */
    private static Path tracks2d(Path dir, String name, String header) throws IOException {
        int extra = header.split(",").length - 4;
        StringBuilder sb = new StringBuilder(header).append('\n');
        for (int p = 1; p <= 2; p++) {
            for (int f = 0; f < 20; f++) {
                sb.append(p).append(',').append(f).append(',').append(0.1 * f).append(',').append(0.05 * f * f)
                        .append(",0".repeat(extra)).append('\n');
            }
        }
        Files.createDirectories(dir);
        Path p = dir.resolve(name);
        Files.writeString(p, sb.toString());
        return p;
    }

    /** Tracks 1 and 2 of 20 points each, 2D, with the columns in {@code header}'s order. */
    private static Path tracks2dIn(Path dir, String name, String header) throws IOException {
        List<String> columns = List.of(header.split(","));
        StringBuilder sb = new StringBuilder(header).append('\n');
        for (int p = 1; p <= 2; p++) {
            for (int f = 0; f < 20; f++) {
                java.util.Map<String, String> v = java.util.Map.of("particle", String.valueOf(p), "frame",
                        String.valueOf(f), "x", String.valueOf(0.1 * f + p), "y", String.valueOf(0.05 * f * f));
                sb.append(String.join(",", columns.stream().map(v::get).toList())).append('\n');
            }
        }
        Files.createDirectories(dir);
        Path p = dir.resolve(name);
        Files.writeString(p, sb.toString());
        return p;
    }

    /**
     * CSV files of one folder with the same columns in another order are read by header name (before: refused by
     * Spark's header check, or read by the position of the file Spark lists first).
     */
    @Test
    void csvFilesWithReorderedColumnsAreReadByName(@TempDir Path dir) throws IOException {
        Path reordered = dir.resolve("reordered");
        tracks2dIn(reordered, "fov1.csv", "particle,frame,x,y");
        tracks2dIn(reordered, "fov2.csv", "y,frame,x,particle");
        tracks2dIn(reordered, "fov3.csv", "frame,particle,y,x");
        SparkSession spark = LocalSpark.session();
        List<org.apache.spark.sql.Row> rows = DeepSptSpark.read(spark, reordered.toString(), "csv")
                .select("particle", "frame", "x", "y", DeepSptSpark.SOURCE_FILE).collectAsList();
        assertEquals(120, rows.size());
        for (org.apache.spark.sql.Row r : rows) {
            int p = Integer.parseInt(r.getString(0));
            int f = Integer.parseInt(r.getString(1));
            assertEquals(String.valueOf(0.1 * f + p), r.getString(2), r.toString());
            assertEquals(String.valueOf(0.05 * f * f), r.getString(3), r.toString());
        }
        assertEquals(3, rows.stream().map(r -> r.getString(4)).distinct().count());

        Run r = job("--in", reordered.toString(), "--in-format", "csv", "--out", dir.resolve("o0").toString(),
                "--model", "rolling-msd");
        assertEquals(0, r.code(), r.err());
    }

    /**
     * CSV files of one folder with other columns: the error line names the file and what differs, whichever file
     * Spark lists first (before: {@code missing column 'x'} when the file without it came first, or Spark's header
     * check).
     */
    @Test
    void csvFilesWithOtherColumnsAreNamed(@TempDir Path dir) throws IOException {
        for (String first : List.of("a", "z")) {
            Path renamed = dir.resolve("renamed-" + first);
            tracks2d(renamed, "fov-b.csv", "particle,frame,x,y");
            Path other = tracks2d(renamed, "fov-" + first + ".csv", "particle,frame,xx,y");
            Run r = job("--in", renamed.toString(), "--in-format", "csv", "--out", dir.resolve("o" + first).toString(),
                    "--model", "rolling-msd");
            assertEquals(1, r.code(), r.err());
            String line = r.oneLine();
            assertTrue(line.startsWith("deepspt-spark: error: "), line);
            assertTrue(line.contains("CSV header has other columns than"), line);
            assertTrue(line.contains(other.toString()) && line.contains("fov-b.csv"), line);
            assertTrue(line.contains("no 'x', also 'xx'") || line.contains("no 'xx', also 'x'"), line);
            assertTrue(line.contains("(header: particle, frame, x"), line);
        }

        // Spark's other header message (its text, as CSVHeaderChecker words it), on one line with the file
        assertEquals("/data/fov2.csv: CSV header differs from the first file's (several CSV files must have the same "
                + "columns): 3 columns where the first file has 4", SparkErrors.message(
                        new IllegalArgumentException("Number of column in CSV header is not equal to number of fields "
                                + "in the schema:\n Header length: 3, schema size: 4\nCSV file: file:///data/fov2.csv")));
    }

    /**
     * A track split at a gap into two pieces, both kept: the summary counts the pieces analysed and says from how many
     * input tracks (before: {@code analysed 3 tracks … 0 tracks rejected, 1 modified} for an input of 2 tracks).
     */
    @Test
    void summarySaysFromHowManyInputTracks(@TempDir Path dir) throws IOException {
        StringBuilder sb = new StringBuilder("particle,frame,x,y\n");
        for (int f = 0; f < 40; f++) {
            if (f < 20 || f >= 23) {
                sb.append("1,").append(f).append(',').append(0.1 * f).append(",0.0\n");
            }
            sb.append("2,").append(f).append(',').append(0.1 * f).append(',').append(0.05 * f).append('\n');
        }
        Path in = dir.resolve("split.csv");
        Files.writeString(in, sb.toString());
        Run r = job("--in", in.toString(), "--out", dir.resolve("o").toString(), "--model", "rolling-msd");
        assertEquals(0, r.code(), r.err());
        String line = r.oneLine();
        assertTrue(line.startsWith("analysed 3 tracks (from 2 input tracks) with rolling-msd in "), line);
        assertTrue(line.contains("; 0 tracks rejected, 1 modified (2 report entries) -> errors/"), line);
    }

    /**
     * A classifier whose abstention threshold holds: fingerprints/ has the CLI's predictions.csv {@code reason}
     * column, {@code below_threshold:P<T} (before: no reason column).
     */
    @Test
    void abstentionsHaveTheClisReasonColumn(@TempDir Path dir) throws IOException {
        Path in = tracks2d(dir, "walk.csv", "particle,frame,x,y");
        Path model = dir.resolve("model.json");
        // the same fingerprints under both labels: p = 0.5 for any track, below the threshold 0.9
        List<String> names = org.deepspt.fingerprint.DiffusionalFingerprint.defaults().featureNames();
        java.util.Random rng = new java.util.Random(3);
        List<org.deepspt.api.Fingerprint> fps = new java.util.ArrayList<>();
        List<String> labels = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            double[] v = rng.doubles(names.size()).toArray();
            for (String label : List.of("a", "b")) {
                fps.add(org.deepspt.api.Fingerprint.of(label + i, names, v));
                labels.add(label);
            }
        }
        Files.writeString(model, org.deepspt.classify.TrackClassifiers.toJson(org.deepspt.classify.ClassifierTrainer
                .logistic().build().train(fps, labels).withAbstentionThreshold(0.9)));
        String out = dir.resolve("o").toString();
        Run r = job("--in", in.toString(), "--out", out, "--model", "rolling-msd", "--classifier", model.toString(),
                "--out-format", "csv");
        assertEquals(0, r.code(), r.err());
        List<org.apache.spark.sql.Row> rows = LocalSpark.session().read().option("header", "true")
                .csv(out + "/fingerprints").collectAsList();
        assertEquals(2, rows.size());
        for (org.apache.spark.sql.Row row : rows) {
            assertEquals("uncertain", row.getString(row.fieldIndex("label")), row.toString());
            String reason = row.getString(row.fieldIndex("reason"));
            assertTrue(reason != null && reason.matches("below_threshold:0\\.[0-9]+<0\\.9"), reason);
        }
    }

    /** A header-only CSV is refused as the CLI refuses it (before: exit 0, {@code analysed 0 tracks}). */
    @Test
    void aHeaderOnlyCsvIsRefused(@TempDir Path dir) throws IOException {
        Path in = dir.resolve("empty.csv");
        Files.writeString(in, "particle,frame,x,y\n");
        Run r = job("--in", in.toString(), "--out", dir.resolve("o").toString(), "--model", "rolling-msd");
        assertEquals(1, r.code(), r.err());
        assertEquals("deepspt-spark: error: " + in + ", line 2: no data rows (header only, then end of file)",
                r.oneLine());
        assertFalse(Files.exists(dir.resolve("o").resolve("fingerprints")));
    }

    /** {@code --out} naming a file is a usage error before any work (before: a ParentNotDirectoryException late). */
    @Test
    void anOutThatIsAFileIsAUsageError(@TempDir Path dir) throws IOException {
        Path in = tracks2d(dir, "walk.csv", "particle,frame,x,y");
        Path file = dir.resolve("results.txt");
        Files.writeString(file, "keep me\n");
        for (String overwrite : List.of("--verbose", "--overwrite")) {
            Run r = job("--in", in.toString(), "--out", file.toString(), "--model", "rolling-msd", overwrite);
            assertEquals(2, r.code(), r.err());
            assertEquals("deepspt-spark: usage error: --out " + file + " is a file, not a folder; name a folder (new "
                    + "or existing) for segmentation/, segments/, fingerprints/ and errors/ (see 'deepspt-spark "
                    + "--help')", r.oneLine());
            assertEquals("keep me\n", Files.readString(file));
        }
    }

    /**
     * A folder of CSV files without {@code --in-format csv}: the error says to give it (before: Parquet's "is not a
     * Parquet file. Expected magic number …").
     */
    @Test
    void aFolderOfCsvFilesReadAsParquetSaysToGiveInFormat(@TempDir Path dir) throws IOException {
        Path folder = dir.resolve("fovs");
        Path fov = tracks2d(folder, "fov1.csv", "particle,frame,x,y");
        Run r = job("--in", folder.toString(), "--out", dir.resolve("o").toString(), "--model", "rolling-msd");
        assertEquals(2, r.code(), r.err());
        assertEquals("deepspt-spark: usage error: --in " + folder + ": " + fov + " is not a Parquet file (read as "
                + "Parquet: the path does not end in .csv); for CSV files give --in-format csv (see 'deepspt-spark "
                + "--help')", r.oneLine());
    }

    /**
     * A frame cell that is not an integer: the error names the file and the row's x and y, as there is no frame to
     * name (before: {@code field 'frame': 'abc' is not an integer in track '1'}, no row).
     */
    @Test
    void aBadFrameCellNamesItsRow(@TempDir Path dir) throws IOException {
        Path in = dir.resolve("frames.csv");
        Files.writeString(in, "particle,frame,x,y\n1,0,0.0,0.0\n1,abc,0.25,0.5\n1,2,0.5,1.0\n");
        Run r = job("--in", in.toString(), "--out", dir.resolve("o").toString(), "--model", "rolling-msd");
        assertEquals(1, r.code(), r.err());
        assertEquals("deepspt-spark: error: " + in + ", field 'frame': 'abc' is not an integer in track '1' (row with "
                + "x = 0.25, y = 0.5)", r.oneLine());
    }

    /**
     * {@code --group-by ,} is a usage error (before: run as if no grouping was asked); an empty value in a grouping
     * column is refused naming the column and a track (before: a group "" that cut the track in two, silently).
     */
    @Test
    void emptyGroupingNamesAndValuesAreRefused(@TempDir Path dir) throws IOException {
        Path in = dir.resolve("wells.csv");
        StringBuilder sb = new StringBuilder("particle,frame,x,y,well\n");
        for (int f = 0; f < 20; f++) {
            sb.append("1,").append(f).append(',').append(0.1 * f).append(",0.0,").append(f == 7 ? "" : "A1")
                    .append('\n');
        }
        Files.writeString(in, sb.toString());
        for (String empty : List.of(",", "well,", "")) {
            Run u = job("--in", in.toString(), "--out", dir.resolve("u").toString(), "--model", "rolling-msd",
                    "--group-by", empty);
            assertEquals(2, u.code(), u.err());
            assertEquals("deepspt-spark: usage error: --group-by: empty column name in '" + empty + "' (see "
                    + "'deepspt-spark --help')", u.oneLine());
        }
        Run r = job("--in", in.toString(), "--out", dir.resolve("o").toString(), "--model", "rolling-msd",
                "--group-by", "well");
        assertEquals(1, r.code(), r.err());
        assertEquals("deepspt-spark: error: " + in + ": grouping column 'well' is empty on 1 of 20 rows, e.g. at frame "
                + "7 in track '1'; fill it in, or leave the column out of the grouping", r.oneLine());
    }

    /** {@code --in} repeated reads every path, as the CLI's repeated {@code --in} (before: a picocli usage error). */
    @Test
    void inMayBeRepeated(@TempDir Path dir) throws IOException {
        Path a = tracks2d(dir, "fov1.csv", "particle,frame,x,y");
        Path b = tracks2d(dir, "fov2.csv", "particle,frame,x,y");
        Run r = job("--in", a.toString(), "--in", b.toString(), "--out", dir.resolve("o").toString(), "--model",
                "rolling-msd");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.oneLine().startsWith("analysed 4 tracks with rolling-msd in "), r.err());
    }

    /**
     * A classifier's context warning is said once, as the job's {@code warning:} line, not also as a WARN log line
     * (before: twice where Spark logs at WARN).
     */
    @Test
    void aWarningIsPrintedOnce(@TempDir Path dir) throws IOException {
        Path in = tracks2d(dir, "walk.csv", "particle,frame,x,y");
        Path model = dir.resolve("model.json");
        Files.writeString(model, org.deepspt.classify.TrackClassifiers.toJson(RandomClassifiers.logistic(6, 2)
                .withContext(org.deepspt.fingerprint.FingerprintContext.of(2, List.of(1.0), "µm", "rolling-msd",
                        "smooth=9.0;refine=off;d-changes=off;min-segment=1"))));
        List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        org.apache.logging.log4j.core.Logger log = (org.apache.logging.log4j.core.Logger) org.apache.logging.log4j
                .LogManager.getLogger(DeepSptSpark.class);
        org.apache.logging.log4j.core.appender.AbstractAppender capture =
                new org.apache.logging.log4j.core.appender.AbstractAppender("capture", null, null, true,
                        org.apache.logging.log4j.core.config.Property.EMPTY_ARRAY) {
                    @Override
                    public void append(org.apache.logging.log4j.core.LogEvent event) {
                        if (event.getLevel().isMoreSpecificThan(org.apache.logging.log4j.Level.WARN)) {
                            logged.add(event.getMessage().getFormattedMessage());
                        }
                    }
                };
        capture.start();
        org.apache.logging.log4j.Level level = log.getLevel();
        log.addAppender(capture);
        log.setLevel(org.apache.logging.log4j.Level.WARN);
        try {
            Run r = job("--in", in.toString(), "--out", dir.resolve("o").toString(), "--model", "rolling-msd",
                    "--classifier", model.toString(), "--frame-interval", "0.01");
            assertEquals(0, r.code(), r.err());
            assertEquals(1, r.err().lines().filter(l -> l.startsWith("warning:")).count(), r.err());
        } finally {
            log.removeAppender(capture);
            log.setLevel(level);
        }
        assertEquals(List.of(), logged);
    }
}
