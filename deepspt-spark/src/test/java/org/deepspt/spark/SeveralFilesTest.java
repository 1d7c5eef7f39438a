package org.deepspt.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two fields of view, one CSV each, both numbering their tracks from 0 (as trackers do): read as a folder, the same
 * id in two files is two tracks, as in the CLI (before: one track of both files' points, or, with the same frames,
 * a "duplicate frame" rejection of both; found by review).
 */
class SeveralFilesTest {
    @TempDir
    Path dir;

    @Test
    void theSameIdInTwoFilesIsTwoTracks() throws Exception {
        StringBuilder a = new StringBuilder("particle,frame,x,y\n");
        StringBuilder b = new StringBuilder("particle,frame,x,y\n");
        java.util.Random r = new java.util.Random(1);
        for (int p = 0; p < 3; p++) {
            for (int f = 0; f < 50; f++) {
                a.append(p).append(',').append(f).append(',').append(r.nextGaussian()).append(',')
                        .append(r.nextGaussian()).append('\n');
                b.append(p).append(',').append(p == 0 ? 50 + f : f).append(',').append(r.nextGaussian()).append(',')
                        .append(r.nextGaussian()).append('\n');
            }
        }
        Files.writeString(dir.resolve("fov1.csv"), a);
        Files.writeString(dir.resolve("fov2.csv"), b);
        try (SparkAnalysis an = DeepSptSpark.analyze(LocalSpark.session(),
                DeepSptSpark.read(LocalSpark.session(), dir.toString(), "csv"),
                AnalyzeOptions.defaults().model("rolling-msd"))) {
            List<Row> tracks = an.tracks().collectAsList();
            List<Row> issues = an.issues().collectAsList();
            assertEquals(6, tracks.size(), "tracks " + tracks + " issues " + issues);
            assertEquals(0, issues.size(), issues.toString());
            assertTrue(List.of(an.tracks().columns()).contains(DeepSptSpark.SOURCE_FILE),
                    List.of(an.tracks().columns()).toString());
            assertEquals(300, an.frames().count());
        }
        // the fingerprint output says, as the CLI's does, which MSD fits are estimates: a track that never moves
        // (id 9 of fov1.csv) is not "ok"
        Files.writeString(dir.resolve("still.csv"), "particle,frame,x,y\n" + "9,0,1,1\n".repeat(1)
                + java.util.stream.IntStream.range(1, 40).mapToObj(f -> "9," + f + ",1,1\n")
                        .collect(java.util.stream.Collectors.joining()));
        try (SparkAnalysis still = DeepSptSpark.analyze(LocalSpark.session(),
                DeepSptSpark.read(LocalSpark.session(), dir.resolve("still.csv").toString(), "csv"),
                AnalyzeOptions.defaults().model("rolling-msd"))) {
            List<String> cols = List.of(still.tracks().columns());
            assertTrue(cols.contains("msd_fit_at_bound") && cols.contains("msd_fit_status"), cols.toString());
            Row first = still.tracks().first();
            String status = first.getString(cols.indexOf("msd_fit_status"));
            assertTrue(status != null && !status.equals("ok"), status);
        }
        // one file: no source column, as before
        try (SparkAnalysis one = DeepSptSpark.analyze(LocalSpark.session(),
                DeepSptSpark.read(LocalSpark.session(), dir.resolve("fov1.csv").toString(), "csv"),
                AnalyzeOptions.defaults().model("rolling-msd"))) {
            assertEquals(3, one.tracks().count());
            assertTrue(!List.of(one.tracks().columns()).contains(DeepSptSpark.SOURCE_FILE));
        }
    }

    /**
     * From review: two Parquet files of fields of view are two sets of tracks (before: track 0 of both merged into
     * one, rejected for a duplicate frame); two CSV files with their columns in another order are read by header name
     * (before: Spark's header check failed; before that, the second file was read by position, x and y swapped); a binary grouping column is refused (before:
     * every row began a new track).
     */
    @Test
    void parquetFilesColumnOrderAndBinaryGroups() throws Exception {
        org.apache.spark.sql.SparkSession spark = LocalSpark.session();
        StringBuilder a = new StringBuilder("particle,frame,x,y\n");
        StringBuilder swapped = new StringBuilder("particle,frame,y,x\n");
        java.util.Random r = new java.util.Random(2);
        for (int f = 0; f < 40; f++) {
            a.append("0,").append(f).append(',').append(100 + r.nextGaussian()).append(',').append(r.nextGaussian())
                    .append('\n');
            swapped.append("0,").append(f).append(',').append(r.nextGaussian()).append(',')
                    .append(100 + r.nextGaussian()).append('\n');
        }
        Path csv = dir.resolve("csv");
        Files.createDirectories(csv);
        Files.writeString(csv.resolve("fov1.csv"), a);
        Files.writeString(csv.resolve("fov2.csv"), a.toString().replace("0,", "0,"));
        Path pq = dir.resolve("pq");
        for (String fov : new String[] {"fov1", "fov2"}) {
            DeepSptSpark.read(spark, csv.resolve(fov + ".csv").toString(), "csv").coalesce(1).write()
                    .parquet(dir.resolve("tmp-" + fov).toString());
            Path part;
            try (var files = Files.list(dir.resolve("tmp-" + fov))) {
                part = files.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
            }
            Files.createDirectories(pq);
            Files.copy(part, pq.resolve(fov + ".parquet"));
        }
        try (SparkAnalysis an = DeepSptSpark.analyze(spark, DeepSptSpark.read(spark, pq.toString(), "parquet"),
                AnalyzeOptions.defaults().model("rolling-msd"))) {
            assertEquals(2, an.tracks().count(), an.issues().collectAsList().toString());
            assertEquals(0, an.issues().count());
        }
        Files.writeString(csv.resolve("fov2.csv"), swapped);
        // the same columns in another order are read by name, not by the position of the file listed first
        List<Row> byName = DeepSptSpark.read(spark, csv.toString(), "csv").select("x").collectAsList();
        assertEquals(80, byName.size());
        assertTrue(byName.stream().allMatch(x -> Double.parseDouble(x.getString(0)) > 50), byName.toString());
        org.apache.spark.sql.Dataset<Row> binary = DeepSptSpark.read(spark, csv.resolve("fov1.csv").toString(), "csv")
                .withColumn("well", org.apache.spark.sql.functions.lit(new byte[] {1}));
        IllegalArgumentException bin = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> DeepSptSpark.analyze(spark, binary, AnalyzeOptions.defaults().model("rolling-msd")
                        .groupBy("well")));
        assertTrue(bin.getMessage().contains("'well' is binary"), bin.getMessage());
    }

    /**
     * From review: a piece of a track split at a gap has the id of the piece ({@code 5.1}), which another particle may
     * have as its own; the input_track column tells them apart in every output (before: two rows with particle 5.1
     * and nothing to tell them apart).
     */
    @Test
    void piecesAreToldApartFromTracksOfTheSameIdByTheirInputTrack() throws Exception {
        StringBuilder csv = new StringBuilder("particle,frame,x,y\n");
        java.util.Random r = new java.util.Random(3);
        for (int f = 0; f <= 40; f++) {
            if (f != 20) {
                csv.append("5,").append(f).append(',').append(r.nextGaussian()).append(',').append(r.nextGaussian())
                        .append('\n');
            }
        }
        for (int f = 0; f < 30; f++) {
            csv.append("5.1,").append(f).append(',').append(r.nextGaussian()).append(',').append(r.nextGaussian())
                    .append('\n');
        }
        Files.writeString(dir.resolve("pieces.csv"), csv);
        try (SparkAnalysis an = DeepSptSpark.analyze(LocalSpark.session(),
                DeepSptSpark.read(LocalSpark.session(), dir.resolve("pieces.csv").toString(), "csv"),
                AnalyzeOptions.defaults().model("rolling-msd"))) {
            java.util.Set<String> keys = new java.util.TreeSet<>();
            for (Row t : an.tracks().collectAsList()) {
                keys.add(t.getString(t.fieldIndex("particle")) + "<-" + t.getString(t.fieldIndex("input_track")));
            }
            assertEquals(java.util.Set.of("5.1<-5", "5.2<-5", "5.1<-5.1"), keys);
            java.util.Set<String> frameKeys = new java.util.TreeSet<>();
            for (Row f : an.frames().select("particle", "input_track").distinct().collectAsList()) {
                frameKeys.add(f.getString(0) + "<-" + f.getString(1));
            }
            assertEquals(keys, frameKeys);
        }
    }
}
