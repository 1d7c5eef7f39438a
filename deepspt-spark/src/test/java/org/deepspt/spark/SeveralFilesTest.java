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
}
