package org.deepspt.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.deepspt.api.Segmenter;
import org.deepspt.api.SegmenterOptions;
import org.deepspt.api.Segmenters;
import org.deepspt.fingerprint.DiffusionalFingerprint;
import org.deepspt.io.FingerprintCsvWriter;
import org.deepspt.io.ReadOptions;
import org.deepspt.io.ReadResult;
import org.deepspt.io.SegmentationCsvWriter;
import org.deepspt.io.TrackReaders;
import org.deepspt.io.TrajectoryCsvWriter;
import org.deepspt.pipeline.Pipeline;
import org.deepspt.pipeline.TrackResult;
import org.deepspt.sim.SimulationConfig;
import org.deepspt.sim.Simulator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Throughput of the Spark path against the CLI path on the same simulated tracks ({@code mvn -Pslow verify}
 * in deepspt-spark; sizes from {@code -Ddeepspt.spark.tracks} (default 200,000) and
 * {@code -Ddeepspt.spark.length} points per track (default 30)). The CLI path is what {@code analyze} does:
 * read the CSV, run the Pipeline with 1 and 2 threads, write segmentation and fingerprint CSVs. The Spark path
 * reads Parquet and writes the three Parquet outputs with {@code local[1]} and {@code local[2]}. The table is
 * printed and written to {@code target/spark-throughput.txt}.
 */
@Tag("slow")
class SparkThroughputTest {

    @Test
    void throughput() throws IOException {
        int tracks = Integer.getInteger("deepspt.spark.tracks", 200_000);
        int length = Integer.getInteger("deepspt.spark.length", 30);
        Path dir = Path.of("target", "throughput");
        Files.createDirectories(dir);
        Path csv = dir.resolve("tracks.csv");
        Simulator sim = Simulator.of(SimulationConfig.builder(2).frameInterval(0.03).fixedLength(length).build());
        try (TrajectoryCsvWriter w = TrajectoryCsvWriter.open(csv, 2, false);
                Stream<org.deepspt.api.Trajectory> s = sim.stream(tracks, 42)) {
            s.forEach(w::write);
        }
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%d tracks x %d points (2D), model unet, %d cores (%s)", tracks, length,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version")));

        double[] cli = new double[3];
        for (int threads : new int[] {1, 2}) {
            long t0 = System.nanoTime();
            ReadResult read = TrackReaders.read(csv, ReadOptions.builder().frameInterval(0.03).build());
            int n = 0;
            try (Segmenter seg = Segmenters.open("unet", 2, SegmenterOptions.defaults());
                    SegmentationCsvWriter sw = SegmentationCsvWriter.open(dir.resolve("cli-seg.csv"));
                    FingerprintCsvWriter fw = FingerprintCsvWriter.open(dir.resolve("cli-fp.csv"),
                            DiffusionalFingerprint.defaults().featureNames())) {
                Pipeline p = Pipeline.builder().segmenter(seg).threads(threads).build();
                try (Stream<TrackResult> results = p.stream(read.trajectories().iterator(), i -> { })) {
                    for (TrackResult r : (Iterable<TrackResult>) results::iterator) {
                        sw.write(r.segmentation().orElseThrow());
                        fw.write(r.fingerprint().orElseThrow());
                        n++;
                    }
                }
            }
            cli[threads] = (System.nanoTime() - t0) / 1e9;
            lines.add(String.format(Locale.ROOT, "CLI path, %d thread(s): %.1f s, %.0f tracks/s (%d tracks out)",
                    threads, cli[threads], tracks / cli[threads], n));
        }

        String parquet = dir.resolve("tracks.parquet").toString();
        SparkSession convert = session("local[2]");
        DeepSptSpark.read(convert, csv.toString(), null).write().mode(SaveMode.Overwrite).parquet(parquet);
        convert.stop();

        double[] spark = new double[3];
        for (int cores : new int[] {1, 2}) {
            SparkSession s = session("local[" + cores + "]");
            String out = dir.resolve("spark-out-" + cores).toString();
            long t0 = System.nanoTime();
            assertEquals(0, SparkJob.run(s, "--in", parquet, "--out", out, "--overwrite", "--frame-interval",
                    "0.03", "--partitions", Integer.toString(4 * cores)));
            spark[cores] = (System.nanoTime() - t0) / 1e9;
            s.stop();
            lines.add(String.format(Locale.ROOT, "Spark local[%d]: %.1f s, %.0f tracks/s", cores, spark[cores],
                    tracks / spark[cores]));
        }
        lines.add(String.format(Locale.ROOT, "Spark speed-up 1 -> 2 cores: %.2fx; Spark / CLI time: %.2fx (1 core), "
                + "%.2fx (2 cores)", spark[1] / spark[2], spark[1] / cli[1], spark[2] / cli[2]));
        lines.forEach(System.out::println);
        Files.write(Path.of("target", "spark-throughput.txt"), lines);
    }

    private static SparkSession session(String master) {
        return SparkSession.builder().master(master).appName("deepspt-throughput")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.memory", "3g").getOrCreate();
    }
}
