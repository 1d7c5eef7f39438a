package org.deepspt.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.deepspt.classify.TrackClassifiers;
import org.deepspt.cli.Main;
import org.deepspt.fingerprint.FingerprintContext;
import org.deepspt.io.TrackColumns;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * One road through the library: for the same file and the same options, {@link DeepSptSpark#analyze} gives what the
 * CLI's {@code deepspt analyze} (run in-process through {@link Main#run}) writes: per frame the state, the four
 * probabilities, the reliability verdict and the segment index; per segment its frames, state, D, α, their
 * standard errors, lags and fit status; per track the fingerprint, the MSD fit's bound and
 * status, the context columns (what the fingerprint was computed with, post-processing included) and the
 * classifier's label and probabilities; compared exactly (doubles bit for bit, through the CSV's
 * round-trip precision), for the default neural model and for rolling-MSD, each at {@code analyze}'s default
 * post-processing and with other post-processing options ({@code --smooth 4 --no-refine --no-d-changes},
 * {@code --no-smooth}) given to both tools alike: the Spark side takes the same option words through the job's command
 * line ({@link AnalyzeJob#options()}). The input is 40 tracks of the CLI's simulator (heterogeneous ones among them).
 *
 * <p>Before, a rolling-MSD segmentation was not smoothed in Spark (the CLI and the Fiji plugin smooth it with the
 * Viterbi smoother at its default penalty), and Spark recorded {@code smooth=0.0} where the CLI records
 * {@code smooth=9.0}: a classifier trained on the CLI's rolling-MSD fingerprints got a post-processing warning in
 * Spark. Its states did not differ: rolling-MSD's probabilities are one-hot, and at 9 nats a switch is cheaper than
 * one frame against a one-hot row (−ln 1e-12 ≈ 27.6 nats), so the default smoothing keeps its path.
 */
class CliParitySparkTest {
    private static final double FRAME_INTERVAL = 0.1;
    private static final List<String> PROBABILITIES = List.of("p_normal", "p_directed", "p_confined",
            "p_subdiffusive");

    @TempDir
    static Path dir;
    private static Path tracks;
    private static Path classifier;

    @BeforeAll
    static void input() throws Exception {
        tracks = dir.resolve("tracks.csv");
        cli("simulate", "--tracks", "40", "--seed", "11", "--frame-interval", "" + FRAME_INTERVAL, "--out",
                tracks.toString());
        // a classifier on random fingerprints: what it says means nothing, only that both tools say the same
        classifier = dir.resolve("classifier.json");
        Files.writeString(classifier, TrackClassifiers.toJson(RandomClassifiers.logistic(12, 3)
                .withContext(FingerprintContext.UNKNOWN.withDimension(2))), StandardCharsets.UTF_8);
    }

    /**
     * @param model {@code --model}
     * @param postOptions post-processing options given to both tools (space-separated; none: the defaults)
     * @param recorded what both record in their {@code post_processing} column
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "unet||smooth=9.0;refine=on;d-changes=on;min-segment=1",
        "rolling-msd||smooth=9.0;refine=off;d-changes=off;min-segment=1",
        "unet|--smooth 4 --no-refine --no-d-changes|smooth=4.0;refine=off;d-changes=off;min-segment=1",
        "rolling-msd|--no-smooth --min-segment 3|smooth=0.0;refine=off;d-changes=off;min-segment=3"})
    void sparkGivesWhatTheCliGives(String model, String postOptions, String recorded) throws Exception {
        List<String> post = postOptions == null ? List.of() : Arrays.asList(postOptions.split(" "));
        Path out = cliAnalyze(model, post);
        AnalyzeOptions options = sparkOptions(model, post);
        if (!post.isEmpty()) {
            assertNotEquals(sparkOptions(model, List.of()).postProcessing(), options.postProcessing(), postOptions);
            if (model.equals("unet")) {
                // the options change the segmentation itself, not only what is recorded
                assertNotEquals(Files.readAllLines(cliAnalyze(model, List.of()).resolve("segments.csv")),
                        Files.readAllLines(out.resolve("segments.csv")), postOptions);
            }
        }
        String what = model + (post.isEmpty() ? "" : " " + postOptions);
        try (SparkAnalysis spark = DeepSptSpark.analyze(LocalSpark.session(), tracks.toString(), options)) {
            // per frame: state, probabilities, verdict, segment
            Map<String, Map<String, String>> cliFrames = byKey(Csv.read(out.resolve("segmentation.csv")),
                    "particle", "frame");
            Map<String, Map<String, String>> sparkFrames = new LinkedHashMap<>();
            for (Row r : spark.frames().collectAsList()) {
                Map<String, String> v = new LinkedHashMap<>();
                v.put("state", "" + r.getInt(r.fieldIndex("state")));
                for (String p : PROBABILITIES) {
                    v.put(p, "" + r.getDouble(r.fieldIndex(p)));
                }
                Object reliable = r.get(r.fieldIndex("reliable"));   // null without a verdict: an empty cell
                v.put("reliable", reliable == null ? "" : reliable.toString());
                Object reason = r.get(r.fieldIndex("reason"));
                v.put("reason", reason == null ? "" : (String) reason);
                v.put("segment", "" + r.getInt(r.fieldIndex("segment")));
                sparkFrames.put(r.getString(r.fieldIndex("particle")) + "/" + r.getInt(r.fieldIndex("frame")), v);
            }
            assertEquals(new TreeSet<>(cliFrames.keySet()), new TreeSet<>(sparkFrames.keySet()), "frames of " + what);
            List<String> frameDiffs = new ArrayList<>();
            TreeSet<String> tracksWithFrameDiffs = new TreeSet<>();
            for (Map.Entry<String, Map<String, String>> e : sparkFrames.entrySet()) {
                Map<String, String> c = cliFrames.get(e.getKey());
                for (Map.Entry<String, String> cell : e.getValue().entrySet()) {
                    String cliValue = c.get(cell.getKey());
                    if (!same(cliValue, cell.getValue())) {
                        frameDiffs.add(e.getKey() + " " + cell.getKey() + ": cli " + cliValue + ", spark "
                                + cell.getValue());
                        tracksWithFrameDiffs.add(e.getKey().substring(0, e.getKey().indexOf('/')));
                    }
                }
            }
            long framesDiffering = frameDiffs.stream().map(d -> d.substring(0, d.indexOf(' '))).distinct().count();
            assertTrue(frameDiffs.isEmpty(), what + ": " + framesDiffering + " of " + cliFrames.size()
                    + " frames in " + tracksWithFrameDiffs.size() + " tracks differ, e.g. "
                    + frameDiffs.subList(0, Math.min(8, frameDiffs.size())));

            // per segment: boundaries, state, D, alpha and their errors, fit status (CLI: segments.csv)
            Map<String, Map<String, String>> cliSegments = byKey(Csv.read(out.resolve("segments.csv")), "particle",
                    "segment");
            List<String> segmentDiffs = new ArrayList<>();
            TreeSet<String> tracksWithSegmentDiffs = new TreeSet<>();
            List<Row> sparkSegments = spark.segments().collectAsList();
            assertEquals(cliSegments.size(), sparkSegments.size(), "segments of " + what);
            for (Row r : sparkSegments) {
                String id = r.getString(r.fieldIndex("particle"));
                Map<String, String> c = cliSegments.get(id + "/" + r.getInt(r.fieldIndex("segment")));
                for (String f : TrackRows.SEGMENT_COLUMNS) {
                    String cliValue = c == null ? null : c.get(f);
                    String sparkValue = "" + r.get(r.fieldIndex(f));
                    if (!same(cliValue, sparkValue)) {
                        segmentDiffs.add(id + " " + f + ": cli " + cliValue + ", spark " + sparkValue);
                        tracksWithSegmentDiffs.add(id);
                    }
                }
            }
            assertTrue(segmentDiffs.isEmpty(), what + ": segments of " + tracksWithSegmentDiffs.size() + " tracks "
                    + "differ, e.g. " + segmentDiffs.subList(0, Math.min(8, segmentDiffs.size())));

            // per track: fingerprint, MSD fit bound and status, prediction
            Map<String, Map<String, String>> cliTracks = byKey(Csv.read(out.resolve("fingerprints.csv")), "particle");
            Map<String, Map<String, String>> cliPredictions = byKey(Csv.read(out.resolve("predictions.csv")),
                    "particle");
            List<String> columns = new ArrayList<>(spark.featureNames());
            columns.add("msd_fit_at_bound");
            columns.add("msd_fit_status");
            columns.addAll(TrackColumns.CONTEXT);   // what the fingerprint was computed with
            List<String> trackDiffs = new ArrayList<>();
            TreeSet<String> tracksDiffering = new TreeSet<>();
            List<Row> sparkTracks = spark.tracks().collectAsList();
            assertEquals(cliTracks.size(), sparkTracks.size(), "tracks of " + what);
            for (Row r : sparkTracks) {
                assertEquals(recorded, r.getString(r.fieldIndex(TrackColumns.POST_PROCESSING)), what);
            }
            for (Row r : sparkTracks) {
                String id = r.getString(r.fieldIndex("particle"));
                Map<String, String> c = cliTracks.get(id);
                Map<String, String> p = cliPredictions.get(id);
                Map<String, String> s = new LinkedHashMap<>();
                for (String f : columns) {
                    s.put(f, "" + r.get(r.fieldIndex(f)));
                }
                s.put("label", r.getString(r.fieldIndex("label")));
                s.put("probability", "" + r.getDouble(r.fieldIndex("probability")));
                for (Map.Entry<String, String> cell : s.entrySet()) {
                    String cliValue = cell.getKey().equals("label") || cell.getKey().equals("probability")
                            ? p.get(cell.getKey()) : c.get(cell.getKey());
                    if (!same(cliValue, cell.getValue())) {
                        trackDiffs.add(id + " " + cell.getKey() + ": cli " + cliValue + ", spark " + cell.getValue());
                        tracksDiffering.add(id);
                    }
                }
            }
            assertTrue(trackDiffs.isEmpty(), what + ": " + tracksDiffering.size() + " of " + cliTracks.size()
                    + " tracks differ in " + trackDiffs.size() + " fingerprint or prediction cells, e.g. "
                    + trackDiffs.subList(0, Math.min(8, trackDiffs.size())));
        }
    }

    /**
     * Runs {@code deepspt analyze} on the tracks with these post-processing options, once per class.
     *
     * @return its output folder
     */
    private static Path cliAnalyze(String model, List<String> post) {
        Path out = dir.resolve("cli-" + model + String.join("", post));
        if (!Files.isDirectory(out)) {
            List<String> args = new ArrayList<>(List.of("analyze", "--in", tracks.toString(), "--out", out.toString(),
                    "--no-progress"));
            args.addAll(sharedOptions(model, post));
            cli(args.toArray(String[]::new));
        }
        return out;
    }

    /** @return the Spark analysis options the job makes of the same option words as {@link #cliAnalyze} gives */
    private static AnalyzeOptions sparkOptions(String model, List<String> post) {
        List<String> args = new ArrayList<>(List.of("--in", tracks.toString(), "--out", "unused"));
        args.addAll(sharedOptions(model, post));
        AnalyzeJob job = new AnalyzeJob();
        new CommandLine(job).parseArgs(args.toArray(String[]::new));
        job.validate();
        return job.options();
    }

    private static List<String> sharedOptions(String model, List<String> post) {
        List<String> args = new ArrayList<>(List.of("--model", model, "--frame-interval", "" + FRAME_INTERVAL,
                "--classifier", classifier.toString()));
        args.addAll(post);
        return args;
    }

    /** @return whether a CSV cell and a Spark value are the same value (numbers bit for bit, NaN equal to NaN) */
    private static boolean same(String cli, String spark) {
        if (cli == null) {
            return false;
        }
        if (cli.equals(spark)) {
            return true;
        }
        try {
            return Double.valueOf(cli).equals(Double.valueOf(spark));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Map<String, Map<String, String>> byKey(List<Map<String, String>> rows, String... key) {
        Map<String, Map<String, String>> m = new LinkedHashMap<>();
        for (Map<String, String> r : rows) {
            StringBuilder k = new StringBuilder();
            for (String c : key) {
                k.append(k.length() == 0 ? "" : "/").append(r.get(c));
            }
            m.put(k.toString(), r);
        }
        return m;
    }

    private static void cli(String... args) {
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(0, code, String.join(" ", args) + ": " + err);
    }

    /** A CSV file of the CLI (header row, quoted cells where needed) as rows of column → cell. */
    static final class Csv {
        private Csv() {
        }

        static List<Map<String, String>> read(Path file) throws Exception {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<String> header = cells(lines.get(0));
            List<Map<String, String>> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                if (line.isEmpty()) {
                    continue;
                }
                List<String> cells = cells(line);
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    row.put(header.get(i), i < cells.size() ? cells.get(i) : "");
                }
                rows.add(row);
            }
            return rows;
        }

        private static List<String> cells(String line) {
            List<String> out = new ArrayList<>();
            StringBuilder b = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char ch = line.charAt(i);
                if (quoted) {
                    if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        b.append('"');
                        i++;
                    } else if (ch == '"') {
                        quoted = false;
                    } else {
                        b.append(ch);
                    }
                } else if (ch == '"') {
                    quoted = true;
                } else if (ch == ',') {
                    out.add(b.toString());
                    b.setLength(0);
                } else {
                    b.append(ch);
                }
            }
            out.add(b.toString());
            return out;
        }
    }
}
