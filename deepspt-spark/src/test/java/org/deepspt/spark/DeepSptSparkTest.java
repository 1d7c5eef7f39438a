package org.deepspt.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.deepspt.api.Fingerprint;
import org.deepspt.api.InputFormatException;
import org.deepspt.api.Prediction;
import org.deepspt.api.Segmentation;
import org.deepspt.api.Segmenter;
import org.deepspt.api.SegmenterOptions;
import org.deepspt.api.Segmenters;
import org.deepspt.api.TrackIssue;
import org.deepspt.api.Trajectory;
import org.deepspt.classify.ClassifierTrainer;
import org.deepspt.classify.TrackClassifiers;
import org.deepspt.io.NonFinitePolicy;
import org.deepspt.io.ReadOptions;
import org.deepspt.io.ReadResult;
import org.deepspt.io.TrackReaders;
import org.deepspt.pipeline.Pipeline;
import org.deepspt.pipeline.PipelineResult;
import org.deepspt.pipeline.TrackResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Spark's outputs equal the in-JVM pipeline's on the same file: same tracks, same states, probabilities and
 * fingerprints within 1e-6, same issues.
 */
class DeepSptSparkTest {
    private static final double TOL = 1e-6;

    /** What the one-JVM path (reader + Pipeline, as the CLI's analyze) gives. */
    private record Expected(Map<String, Segmentation> segmentations, Map<String, double[]> fingerprints,
            List<String> issues, List<String> issueIds, Map<String, Prediction> predictions, ReadResult read) {
    }

    private static Expected inJvm(Path file, ReadOptions options, String classifierJson) {
        ReadResult read = TrackReaders.read(file, options);
        PipelineResult run;
        List<String> names;
        try (Segmenter s = Segmenters.open("unet", read.dimension(), SegmenterOptions.defaults())) {
            Pipeline p = Pipeline.builder().segmenter(s).classifier(classifierJson == null ? null
                    : TrackClassifiers.fromJson(classifierJson, "test")).build();
            names = p.featureNames();
            run = p.run(read.trajectories());
        }
        Map<String, Segmentation> segs = new HashMap<>();
        Map<String, double[]> fps = new HashMap<>();
        Map<String, Prediction> predictions = new HashMap<>();
        for (TrackResult r : run.results()) {
            segs.put(r.trackId(), r.segmentation().orElseThrow());
            fps.put(r.trackId(), r.fingerprint().orElseThrow().values());
            r.prediction().ifPresent(q -> predictions.put(r.trackId(), q));
            assertEquals(names, r.fingerprint().orElseThrow().names());
        }
        List<TrackIssue> all = new ArrayList<>(read.issues());
        all.addAll(run.issues());
        return new Expected(segs, fps, all.stream().map(DeepSptSparkTest::issue).sorted().toList(),
                all.stream().map(i -> i.trackId() + " " + i.kind()).sorted().toList(), predictions, read);
    }

    /** @return a logistic classifier (JSON) trained on the in-JVM fingerprints: alpha above or below its median */
    private static String classifier(Expected plain) {
        List<String> ids = new ArrayList<>(plain.fingerprints().keySet());
        List<Fingerprint> fps = new ArrayList<>();
        List<String> names = org.deepspt.fingerprint.DiffusionalFingerprint.defaults().featureNames();
        for (String id : ids) {
            fps.add(Fingerprint.of(id, names, plain.fingerprints().get(id)));
        }
        double[] alpha = fps.stream().mapToDouble(f -> f.value("alpha")).sorted().toArray();
        double median = alpha[alpha.length / 2];
        List<String> labels = fps.stream().map(f -> f.value("alpha") >= median ? "high" : "low").toList();
        return TrackClassifiers.toJson(ClassifierTrainer.logistic().build().train(fps, labels));
    }

    private static String issue(TrackIssue i) {
        return i.trackId() + " " + i.kind() + " " + i.detail();
    }

    private static void assertClose(double expected, double actual, String what) {
        if (Double.isNaN(expected)) {
            assertTrue(Double.isNaN(actual), what + ": expected NaN, got " + actual);
        } else {
            assertEquals(expected, actual, TOL * Math.max(1, Math.abs(expected)), what);
        }
    }

    private static void assertSame(Expected expected, SparkAnalysis a, String group, boolean sameDetails) {
        List<Row> frames = a.frames().collectAsList();
        List<Row> tracks = a.tracks().collectAsList();
        List<Row> issues = a.issues().collectAsList();

        int points = expected.segmentations().values().stream().mapToInt(Segmentation::size).sum();
        assertEquals(points, frames.size(), "per-frame rows");
        for (Row r : frames) {
            assertEquals(group, r.getString(0));
            String id = r.getString(1);
            Segmentation s = expected.segmentations().get(id);
            assertNotNull(s, "track " + id + " is not in the in-JVM output");
            int frame = r.getInt(2);
            int i = java.util.Arrays.binarySearch(s.frames(), frame);
            assertTrue(i >= 0, id + " frame " + frame);
            assertEquals(s.stateIndices()[i], r.getInt(3), id + " state at frame " + frame);
            double[] p = s.probabilities(i);
            for (int k = 0; k < 4; k++) {
                assertClose(p[k], r.getDouble(4 + k), id + " p" + k + " at frame " + frame);
            }
            // the verdict and the segment index, as the CLI's segmentation.csv writes them
            assertEquals(s.reliability().map(v -> v.reliable()).orElse(null), r.isNullAt(8) ? null : r.getBoolean(8),
                    id + " reliable");
            assertEquals(s.reliability().map(org.deepspt.io.SegmentationCsvWriter::reasonText).orElse(null),
                    r.isNullAt(9) ? null : r.getString(9), id + " reason");
            assertEquals(org.deepspt.io.SegmentationCsvWriter.segmentIndexOfEachPoint(s)[i], r.getInt(10),
                    id + " segment at frame " + frame);
            // the coordinates as segmented and whether the point was interpolated, as segment --out writes them
            Trajectory t = expected.read().trajectories().stream().filter(x -> x.id().equals(id)).findFirst()
                    .orElseThrow();
            int dim = t.dimension();
            assertEquals(dim == 3 ? 16 : 15, r.size(), "columns: " + r.schema().simpleString());
            // the input track, last (the CLI's input_track): the track itself, or the track a piece was cut from
            assertEquals(expected.read().inputId(id), r.getString(r.size() - 1), id + " input track");
            for (int axis = 0; axis < dim; axis++) {
                assertEquals(t.coordinate(i, axis), r.getDouble(11 + axis), id + " axis " + axis + " at " + frame);
            }
            assertEquals(t.interpolated(i), r.getBoolean(11 + dim),
                    id + " interpolated at frame " + frame);
        }

        assertEquals(expected.fingerprints().size(), tracks.size(), "per-track rows");
        List<String> features = a.featureNames();
        for (Row r : tracks) {
            assertEquals(group, r.getString(0));
            String id = r.getString(1);
            double[] fp = expected.fingerprints().get(id);
            assertNotNull(fp, "track " + id);
            for (int f = 0; f < features.size(); f++) {
                assertClose(fp[f], r.getDouble(2 + f), id + " " + features.get(f));
            }
            // the MSD-fit flags of the CLI's fingerprint output follow the features
            assertNotNull(r.getString(2 + features.size()), id + " msd_fit_at_bound");
            // the status of the track's MSD fit, as msd reports it
            Trajectory t = expected.read().trajectories().stream().filter(x -> x.id().equals(id)).findFirst()
                    .orElseThrow();
            assertEquals(org.deepspt.msd.MsdFitter.defaults().fit(t).status().label(),
                    r.getString(3 + features.size()), id + " msd_fit_status");
            Prediction q = expected.predictions().get(id);
            assertEquals(q != null, !a.classes().isEmpty(), id + " prediction");
            if (q != null) {
                int c = r.fieldIndex("label");   // after the MSD-fit flags and the six context columns
                assertEquals(q.label(), r.getString(c), id + " label");
                assertClose(q.probability(), r.getDouble(c + 1), id + " probability");
                for (int k = 0; k < a.classes().size(); k++) {
                    assertClose(q.classProbabilities().get(a.classes().get(k)), r.getDouble(c + 2 + k),
                            id + " p_" + a.classes().get(k));
                }
            }
        }

        List<String> got = new ArrayList<>();
        List<String> gotIds = new ArrayList<>();
        for (Row r : issues) {
            assertEquals(group, r.getString(0));
            got.add(r.getString(1) + " " + r.getString(2) + " " + r.getString(3));
            gotIds.add(r.getString(1) + " " + r.getString(2));
        }
        if (sameDetails) {
            assertEquals(expected.issues(), got.stream().sorted().toList());
        }
        assertEquals(expected.issueIds(), gotIds.stream().sorted().toList());
    }

    private static Dataset<Row> csv(SparkSession spark, Path file) {
        return DeepSptSpark.read(spark, file.toString(), null).withColumn("experiment", functions.lit("E1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tracks-2d.csv", "tracks-3d.csv"})
    void equalsTheInJvmPipeline(String name) throws IOException {
        Path file = LocalSpark.example(name);
        Expected expected = inJvm(file, ReadOptions.defaults(), null);
        AnalyzeOptions options = AnalyzeOptions.defaults().groupBy("experiment");
        if (name.contains("2d")) {
            // with a classifier: label, probability and p_<class> columns as the in-JVM predictions
            String json = classifier(expected);
            expected = inJvm(file, ReadOptions.defaults(), json);
            assertFalse(expected.predictions().isEmpty());
            options = options.classifierJson(json);
        }
        SparkSession spark = LocalSpark.session();
        try (SparkAnalysis a = DeepSptSpark.analyze(spark, csv(spark, file), options)) {
            assertEquals(DeepSptSpark.partitionsFor(Files.readAllLines(file).size() - 1, 2), a.partitions());
            assertFalse(expected.segmentations().isEmpty());
            assertSame(expected, a, "E1", true);
        }
    }

    /**
     * Gaps (split into pieces), a duplicate frame, a NaN (DROP_TRACK), a track too short for the model, one
     * row without a particle id: the same tracks and issues as reading the file.
     */
    @Test
    void policiesAndIssuesEqualTheReaders(@TempDir Path dir) throws IOException {
        SplittableRandom rnd = new SplittableRandom(7);
        StringBuilder sb = new StringBuilder("particle,frame,x,y\n");
        for (String id : List.of("a", "g", "d", "n", "s")) {
            double x = 0;
            double y = 0;
            int n = id.equals("s") ? 3 : 40;
            for (int f = 0; f < n; f++) {
                x += rnd.nextGaussian(0, 0.1);
                y += rnd.nextGaussian(0, 0.1);
                if (id.equals("g") && (f == 12 || f == 13)) {
                    continue;
                }
                String xs = id.equals("n") && f == 5 ? "NaN" : String.format(Locale.ROOT, "%.6f", x);
                sb.append(id).append(',').append(f).append(',').append(xs).append(',')
                        .append(String.format(Locale.ROOT, "%.6f", y)).append('\n');
                if (id.equals("d") && f == 7) {
                    sb.append("d,7,0.5,0.5\n");
                }
            }
        }
        Path file = dir.resolve("policies.csv");
        Files.writeString(file, sb.toString());
        ReadOptions options = ReadOptions.builder().nonFinitePolicy(NonFinitePolicy.DROP_TRACK).build();
        Expected expected = inJvm(file, options, null);
        assertTrue(expected.issueIds().contains("d REJECTED") && expected.issueIds().contains("n REJECTED")
                && expected.issueIds().contains("s REJECTED"), expected.issueIds().toString());

        SparkSession spark = LocalSpark.session();
        // plus one localisation without a particle id: one REJECTED "(untracked spots)" issue, nothing else (all
        // columns text, as the CSV is read, so that the union needs no cast: Spark 4's ANSI casts refuse 'a')
        Dataset<Row> locs = csv(spark, file).union(spark.sql("select cast(null as string) as particle, '0' as frame, "
                + "'0.0' as x, '0.0' as y, 'E1' as experiment"));
        try (SparkAnalysis a = DeepSptSpark.analyze(spark, locs, AnalyzeOptions.defaults().groupBy("experiment")
                .readOptions(options))) {
            List<String> untracked = new ArrayList<>(expected.issueIds());
            untracked.add(PartitionAnalyzer.UNTRACKED_ID + " REJECTED");
            // the NaN track's detail names the frame here and the line in the reader
            assertSame(new Expected(expected.segmentations(), expected.fingerprints(), expected.issues(),
                    untracked.stream().sorted().toList(), Map.of(), expected.read()), a, "E1", false);
        }
    }

    /**
     * Short noisy Brownian tracks (20 points, D 0.05 µm²/s, Δt 0.01 s, σ 40 nm), many of whose α the MSD curve does
     * not determine: the tracks output's msd_fit_status is the status msd reports for each track, undetermined
     * included (before, it was read from α and D and said ok).
     */
    @Test
    void msdFitStatusIsTheStatusOfTheMsdFit(@TempDir Path dir) throws IOException {
        SplittableRandom rnd = new SplittableRandom(5);
        double step = Math.sqrt(2 * 0.05 * 0.01);
        StringBuilder sb = new StringBuilder("particle,frame,x,y\n");
        for (int id = 0; id < 30; id++) {
            double x = 0;
            double y = 0;
            for (int f = 0; f < 20; f++) {
                x += f == 0 ? 0 : rnd.nextGaussian(0, step);
                y += f == 0 ? 0 : rnd.nextGaussian(0, step);
                sb.append(id).append(',').append(f).append(',').append(x + rnd.nextGaussian(0, 0.04)).append(',')
                        .append(y + rnd.nextGaussian(0, 0.04)).append('\n');
            }
        }
        Path file = Files.writeString(dir.resolve("short-noisy.csv"), sb.toString());
        ReadOptions options = ReadOptions.builder().frameInterval(0.01).build();
        Map<String, String> expected = new HashMap<>();
        for (Trajectory t : TrackReaders.read(file, options).trajectories()) {
            expected.put(t.id(), org.deepspt.msd.MsdFitter.defaults().fit(t).status().label());
        }
        assertTrue(expected.values().stream().filter("undetermined"::equals).count() >= 5, expected.toString());
        SparkSession spark = LocalSpark.session();
        try (SparkAnalysis a = DeepSptSpark.analyze(spark, csv(spark, file), AnalyzeOptions.defaults()
                .model("rolling-msd").groupBy("experiment").readOptions(options))) {
            Map<String, String> got = new HashMap<>();
            for (Row r : a.tracks().select("particle", "msd_fit_status").collectAsList()) {
                got.put(r.getString(0), r.getString(1));
            }
            assertEquals(expected, got);
        }
    }

    /** With gaps interpolated, the made-up points are marked in the frames output, as segment --out marks them. */
    @Test
    void interpolatedPointsAreMarked(@TempDir Path dir) throws IOException {
        StringBuilder sb = new StringBuilder("particle,frame,x,y\n");
        SplittableRandom rnd = new SplittableRandom(3);
        for (String id : List.of("a", "g")) {
            for (int f = 0; f < 40; f++) {
                if (!(id.equals("g") && (f == 12 || f == 13))) {
                    sb.append(id).append(',').append(f).append(',').append(rnd.nextGaussian(0, 1)).append(',')
                            .append(rnd.nextGaussian(0, 1)).append('\n');
                }
            }
        }
        Path file = Files.writeString(dir.resolve("gaps.csv"), sb.toString());
        ReadOptions options = ReadOptions.builder().gapPolicy(org.deepspt.io.GapPolicy.INTERPOLATE).build();
        Expected expected = inJvm(file, options, null);
        assertEquals(2, expected.read().trajectories().stream().filter(t -> t.id().equals("g")).findFirst()
                .orElseThrow().interpolatedCount());
        SparkSession spark = LocalSpark.session();
        try (SparkAnalysis a = DeepSptSpark.analyze(spark, csv(spark, file), AnalyzeOptions.defaults()
                .groupBy("experiment").readOptions(options))) {
            assertSame(expected, a, "E1", true);
            List<Row> made = a.frames().where("interpolated").collectAsList();
            assertEquals(List.of("g 12", "g 13"), made.stream().map(r -> r.getString(1) + " " + r.getInt(2)).sorted()
                    .toList());
        }
    }

    @Test
    void missingColumnsAreNamed() {
        SparkSession spark = LocalSpark.session();
        Dataset<Row> locs = spark.sql("select 1 as particle, 0 as frame, 0.0 as x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DeepSptSpark.analyze(spark, locs, AnalyzeOptions.defaults()));
        assertTrue(e.getMessage().contains("'y'"), e.getMessage());
        Dataset<Row> ok = spark.sql("select 1 as particle, 0 as frame, 0.0 as x, 0.0 as y");
        e = assertThrows(IllegalArgumentException.class,
                () -> DeepSptSpark.analyze(spark, ok, AnalyzeOptions.defaults().groupBy("well")));
        assertTrue(e.getMessage().contains("'well'"), e.getMessage());
        Dataset<Row> flags = spark.sql("select 1 as particle, true as frame, 0.0 as x, 0.0 as y");
        e = assertThrows(IllegalArgumentException.class,
                () -> DeepSptSpark.analyze(spark, flags, AnalyzeOptions.defaults()));
        assertEquals("column 'frame' holds boolean values; frames must be integers (or text holding them)",
                e.getMessage());
        // a time in the frame column: refused at the row, as a CSV reader refuses "0.5" in a frame field
        Dataset<Row> times = spark.sql("select 1 as particle, 0.5 as frame, 0.0 as x, 0.0 as y");
        try (SparkAnalysis a = DeepSptSpark.analyze(spark, times, AnalyzeOptions.defaults().dimension(2))) {
            InputFormatException t = assertThrows(InputFormatException.class, a::tracks);
            assertEquals("localisations, field 'frame': '0.5' is not an integer in track '1' (row with x = 0.0, "
                    + "y = 0.0)", t.getMessage());
        }
    }

    /**
     * A classifier trained on 2D fingerprints is refused on 3D localisations before any track is segmented, naming
     * both dimensions, as the CLI and the Fiji plugin refuse it (before: it gave labels; found by review).
     */
    @Test
    void classifierOfAnotherDimensionIsRefused() {
        String json = TrackClassifiers.toJson(RandomClassifiers.logistic(6, 2)
                .withContext(org.deepspt.fingerprint.FingerprintContext.UNKNOWN.withDimension(2)));
        SparkSession spark = LocalSpark.session();
        Dataset<Row> locs = spark.sql("select 1 as particle, 0 as frame, 0.0 as x, 0.0 as y, 0.5 as z");
        org.deepspt.classify.ContextMismatchException e = assertThrows(
                org.deepspt.classify.ContextMismatchException.class,
                () -> DeepSptSpark.analyze(spark, locs, AnalyzeOptions.defaults().classifierJson(json)));
        assertTrue(e.getMessage().contains("2D tracks") && e.getMessage().contains("has 3D tracks"), e.getMessage());
        // the same localisations analysed as 2D: accepted
        DeepSptSpark.analyze(spark, locs, AnalyzeOptions.defaults().dimension(2).classifierJson(json)).close();
    }

    /** Partitions sized to the input: golden values of the rule of AnalyzeOptions.partitions. */
    @Test
    void partitionsSizedToTheInput() {
        assertEquals(1, DeepSptSpark.partitionsFor(0, 2));
        assertEquals(1, DeepSptSpark.partitionsFor(5_000, 2));
        assertEquals(2, DeepSptSpark.partitionsFor(5_001, 2));
        assertEquals(4, DeepSptSpark.partitionsFor(15_459, 2));       // examples/tracks-2d.csv on local[2]
        assertEquals(6, DeepSptSpark.partitionsFor(1_000_000, 2));    // 3 per core
        assertEquals(192, DeepSptSpark.partitionsFor(10_000_000, 64));
        assertEquals(2_000, DeepSptSpark.partitionsFor(1_000_000_000, 64));   // at most 500,000 rows per task
    }
}
