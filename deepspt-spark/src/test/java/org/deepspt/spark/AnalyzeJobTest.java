package org.deepspt.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spark-submit main class on a Parquet file: three Parquet outputs with the group column carried. */
class AnalyzeJobTest {

    @Test
    void parquetInParquetOut(@TempDir Path dir) {
        SparkSession spark = LocalSpark.session();
        String in = dir.resolve("locs.parquet").toString();
        Dataset<Row> locs = DeepSptSpark.read(spark, LocalSpark.example("tracks-2d.csv").toString(), null)
                .where("particle < 10").withColumn("well", functions.lit("A1"));
        locs.write().parquet(in);
        String out = dir.resolve("out").toString();
        assertEquals(0, SparkJob.run(spark, "--in", in, "--out", out, "--group-by", "well",
                "--frame-interval", "0.03", "--model", "rolling-msd"));
        Dataset<Row> tracks = spark.read().parquet(out + "/fingerprints");
        Dataset<Row> frames = spark.read().parquet(out + "/segmentation");
        Dataset<Row> errors = spark.read().parquet(out + "/errors");
        assertEquals(10, tracks.count());
        assertEquals(locs.count(), frames.count());
        assertEquals(0, errors.count());
        assertEquals("well", frames.columns()[0]);
        assertEquals("p_subdiffusive", frames.columns()[frames.columns().length - 1]);
        assertNotEquals(0, SparkJob.run(spark, "--in", in, "--out", out));
    }
}
