package org.deepspt.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.deepspt.classify.TrackClassifiers;
import org.deepspt.fingerprint.FingerprintContext;
import org.deepspt.io.ReadOptions;
import org.junit.jupiter.api.Test;

/**
 * A classifier is checked against the whole context of the fingerprints it classifies, with the code of the CLI's
 * {@code classify} and the Fiji plugin ({@code ContextCheck}): the dimension is an error
 * ({@code DeepSptSparkTest.classifierOfAnotherDimensionIsRefused}), other differences are
 * {@link SparkAnalysis#warnings()}. Before, only the dimension was checked: a classifier trained at 1 s per frame
 * labelled tracks at 0.01 s per frame silently.
 */
class ClassifierContextSparkTest {

    /**
     * The post-processing this job applies to a rolling-MSD segmentation: the CLI's and the Fiji plugin's, Viterbi
     * smoothing at the default penalty (before: smooth=0.0, none).
     */
    private static final String ROLLING_MSD_POST = "smooth=9.0;refine=off;d-changes=off;min-segment=1";

    private static String classifier(FingerprintContext context) {
        return TrackClassifiers.toJson(RandomClassifiers.logistic(6, 2).withContext(context));
    }

    private static Dataset<Row> walk(SparkSession spark) {
        StringBuilder sql = new StringBuilder();
        java.util.Random rng = new java.util.Random(5);
        double x = 0;
        double y = 0;
        for (int f = 0; f < 30; f++) {
            x += 0.1 * rng.nextGaussian();
            y += 0.1 * rng.nextGaussian();
            sql.append(f == 0 ? "" : " union all ").append("select 1 as particle, ").append(f).append(" as frame, ")
                    .append(x).append(" as x, ").append(y).append(" as y");
        }
        return spark.sql(sql.toString());
    }

    @Test
    void aClassifierTrainedAtAnotherFrameIntervalIsAWarning() {
        String json = classifier(FingerprintContext.of(2, List.of(1.0), "µm", "rolling-msd", ROLLING_MSD_POST));
        SparkSession spark = LocalSpark.session();
        Dataset<Row> locs = walk(spark);
        AnalyzeOptions o = AnalyzeOptions.defaults().model("rolling-msd").classifierJson(json).inputName("walk");
        try (SparkAnalysis a = DeepSptSpark.analyze(spark, locs, o.readOptions(ReadOptions.builder()
                .frameInterval(0.01).build()))) {
            assertEquals(1, a.warnings().size(), a.warnings().toString());
            String w = a.warnings().get(0);
            assertTrue(w.startsWith("the fingerprints of walk differ from those classifier "
                    + AnalyzeOptions.CLASSIFIER_FROM_JSON + " was trained on: frame interval 0.01 s (classifier: 1 s)"),
                    w);
            assertTrue(w.endsWith(DeepSptSpark.CONTEXT_HINT), w);
            assertEquals(1, a.tracks().count(), "a warning, not an error: the track is classified");
        }
        // the same context as the training's: no warning
        try (SparkAnalysis a = DeepSptSpark.analyze(spark, locs, o.readOptions(ReadOptions.builder()
                .frameInterval(1.0).build()))) {
            assertEquals(List.of(), a.warnings());
        }
        // another segmenter and its post-processing: named in the one line
        try (SparkAnalysis a = DeepSptSpark.analyze(spark, locs, o.model("unet"))) {
            assertEquals(1, a.warnings().size(), a.warnings().toString());
            assertTrue(a.warnings().get(0).contains("segmenter 'unet' (classifier: 'rolling-msd'), post-processing "
                    + "smooth=9.0;refine=on;d-changes=on;min-segment=1 (classifier: " + ROLLING_MSD_POST + ")"),
                    a.warnings().get(0));
        }
    }

    @Test
    void aClassifierWithoutContextCannotBeChecked() {
        String json = classifier(FingerprintContext.UNKNOWN.withDimension(2));
        SparkSession spark = LocalSpark.session();
        try (SparkAnalysis a = DeepSptSpark.analyze(spark, walk(spark), AnalyzeOptions.defaults().model("rolling-msd")
                .classifierJson(json))) {
            assertEquals(1, a.warnings().size(), a.warnings().toString());
            assertTrue(a.warnings().get(0).startsWith("cannot check the frame interval, length unit, segmenter, "
                    + "post-processing and fingerprint version of the training fingerprints"), a.warnings().get(0));
        }
        try (SparkAnalysis a = DeepSptSpark.analyze(spark, walk(spark), AnalyzeOptions.defaults()
                .model("rolling-msd"))) {
            assertEquals(List.of(), a.warnings(), "no classifier, nothing to check");
        }
    }
}
