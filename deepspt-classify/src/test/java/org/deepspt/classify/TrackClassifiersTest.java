package org.deepspt.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.deepspt.api.Classifier;
import org.deepspt.api.Fingerprint;
import org.deepspt.api.InputFormatException;
import org.deepspt.fingerprint.FingerprintContext;
import org.deepspt.fingerprint.FingerprintFeature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrackClassifiersTest {

    @TempDir
    Path dir;

    private static void assertSamePredictions(TrackClassifier a, Classifier b, Data test) {
        assertEquals(a.labels(), b.labels());
        assertEquals(a.featureNames(), b.featureNames());
        assertEquals(a.abstentionThreshold(), b.abstentionThreshold());
        for (Fingerprint f : test.fingerprints) {
            assertEquals(a.predict(f), b.predict(f));
            assertArrayEquals(a.probabilities(f), ((TrackClassifier) b).probabilities(f), 0);
        }
    }

    @Test
    void logisticRoundTripPredictsIdentically() throws Exception {
        Data d = Data.clusters(40, 3, 1.5, 21);
        TrackClassifier c = ClassifierTrainer.logistic().features(Data.NAMES).abstentionThreshold(0.6).seed(4).build()
                .train(d.fingerprints, d.labels);
        CrossValidationReport r = CrossValidation.stratifiedKFold(
                ClassifierTrainer.logistic().features(Data.NAMES).build(), d.fingerprints, d.labels, 4, 1);
        c = c.withCrossValidation(r).withProvenance(c.withCrossValidation(r).provenance().withNote("segmenter", "x"));
        Path f = dir.resolve("m.json");
        TrackClassifiers.save(c, f);
        String json = Files.readString(f);
        assertTrue(json.contains("\"format\" : \"deepspt-classifier\""), json);
        assertTrue(json.contains("\"version\" : 2"), json);
        assertTrue(json.contains("\"data_sha256\" : \"" + c.provenance().dataSha256() + "\""), json);
        Classifier back = TrackClassifiers.load(f);
        assertSamePredictions(c, back, Data.clusters(30, 3, 1.5, 22));
        TrackClassifier t = (TrackClassifier) back;
        assertEquals(c.provenance(), t.provenance());
        assertEquals(r.macroF1(), t.provenance().metrics().get("cv_macro_f1"));
        assertEquals(c.standardizer(), t.standardizer());
    }

    @Test
    void forestRoundTripPredictsIdentically() {
        Data d = Data.clusters(40, 2, 1.5, 23);
        TrackClassifier c = ClassifierTrainer.randomForest().features(Data.NAMES).trees(20).seed(8).build()
                .train(d.fingerprints, d.labels);
        Path f = dir.resolve("rf.json");
        TrackClassifiers.save(c, f);
        TrackClassifier back = (TrackClassifier) TrackClassifiers.load(f);
        assertEquals(ClassifierMethod.RANDOM_FOREST, back.method());
        assertSamePredictions(c, back, Data.clusters(30, 2, 1.5, 24));
    }

    /**
     * A forest file written before forests got a fixed provenance (3 trees, seed 5, on Data.clusters(15, 2, 2, 31);
     * Tribuo's full provenance with training times, Java version and OS) still loads and predicts as it did then.
     */
    @Test
    void forestFileWithTribuoRunProvenanceStillLoads() throws Exception {
        Path f = Path.of(getClass().getResource("forest-v1-tribuo-provenance.json").toURI());
        assertTrue(Files.readString(f).length() > 60_000, "the old file carries Tribuo's full provenance");
        TrackClassifier c = TrackClassifiers.load(f);
        assertEquals(ClassifierMethod.RANDOM_FOREST, c.method());
        double[][] expected = {{2 / 3.0, 1 / 3.0}, {1 / 3.0, 2 / 3.0}, {1, 0}, {1 / 3.0, 2 / 3.0}, {1, 0}, {0, 1}};
        Data q = Data.clusters(3, 2, 2, 32);
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], c.probabilities(q.fingerprints.get(i)), 1e-12, "track " + i);
        }
    }

    private InputFormatException loadBroken(String from, String to) throws Exception {
        Data d = Data.clusters(10, 2, 3, 25);
        TrackClassifier c = ClassifierTrainer.logistic().features(Data.NAMES).build().train(d.fingerprints, d.labels);
        String json = TrackClassifiers.toJson(c);
        assertTrue(json.contains(from), from);
        Path f = dir.resolve("broken.json");
        Files.writeString(f, json.replace(from, to));
        return assertThrows(InputFormatException.class, () -> TrackClassifiers.load(f));
    }

    @Test
    void wrongVersionIsAClearError() throws Exception {
        InputFormatException e = loadBroken("\"version\" : 2", "\"version\" : 3");
        assertEquals("version", e.field().orElseThrow());
        assertTrue(e.getMessage().contains("broken.json") && e.getMessage().contains("unsupported version 3"),
                e.getMessage());
    }

    @Test
    void finiteButAbsurdWeightsAreRefusedAtLoadTime() throws Exception {
        Data d = Data.clusters(10, 2, 3, 25);
        TrackClassifier c = ClassifierTrainer.logistic().features(Data.NAMES).build().train(d.fingerprints, d.labels);
        String json = TrackClassifiers.toJson(c);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"weights\" : \\[ \\[ (-?[0-9.Ee-]+)")
                .matcher(json);
        assertTrue(m.find(), json);
        Path f = dir.resolve("absurd.json");
        Files.writeString(f, json.substring(0, m.start(1)) + "1e308" + json.substring(m.end(1)));
        InputFormatException e = assertThrows(InputFormatException.class, () -> TrackClassifiers.load(f));
        assertEquals("model", e.field().orElseThrow());
        assertTrue(e.getMessage().contains("absurd.json") && e.getMessage().contains("probe"), e.getMessage());
    }

    /** A class label 'uncertain' could not be told from an abstention: training refuses it, and so does loading. */
    @Test
    void reservedLabelIsRefusedAtLoadTime() throws Exception {
        Data d = Data.clusters(10, 2, 3, 25);
        TrackClassifier c = ClassifierTrainer.logistic().features(Data.NAMES).build().train(d.fingerprints, d.labels);
        assertEquals(java.util.List.of("class0", "class1"), c.labels());
        Path f = dir.resolve("reserved.json");
        Files.writeString(f, TrackClassifiers.toJson(c).replace("\"class1\"", "\"uncertain\""));
        InputFormatException e = assertThrows(InputFormatException.class, () -> TrackClassifiers.load(f));
        assertEquals("labels", e.field().orElseThrow());
        assertTrue(e.getMessage().contains("\"uncertain\" is reserved for abstentions"), e.getMessage());
    }

    @Test
    void wrongFormatIsAClearError() throws Exception {
        InputFormatException e = loadBroken("\"deepspt-classifier\"", "\"something-else\"");
        assertEquals("format", e.field().orElseThrow());
    }

    @Test
    void unknownMethodIsAClearError() throws Exception {
        InputFormatException e = loadBroken("\"method\" : \"logistic\"", "\"method\" : \"svm\"");
        assertEquals("method", e.field().orElseThrow());
        assertTrue(e.getMessage().contains("unknown method \"svm\""), e.getMessage());
    }

    @Test
    void missingFeatureIsAClearError() throws Exception {
        // the features list loses "kurtosis": the scaler no longer matches
        InputFormatException e = loadBroken("\"kurtosis\", ", "");
        assertEquals("scaler.mean", e.field().orElseThrow());
        assertTrue(e.getMessage().contains("expected 4 numbers (one per feature), got 5"), e.getMessage());
        InputFormatException missing = loadBroken("\"features\" :", "\"featurez\" :");
        assertEquals("features", missing.field().orElseThrow());
        assertTrue(missing.getMessage().endsWith("missing"), missing.getMessage());
    }

    @Test
    void unknownFeatureNameIsAClearError() throws Exception {
        InputFormatException e = loadBroken("\"kurtosis\"", "\"kurtosys\"");
        assertEquals("features", e.field().orElseThrow());
        assertTrue(e.getMessage().contains("unknown fingerprint feature \"kurtosys\""), e.getMessage());
    }

    @Test
    void predictingWithoutAModelFeatureNamesTrackAndFeature() {
        Data d = Data.clusters(10, 2, 3, 26);
        TrackClassifier c = ClassifierTrainer.logistic().features(Data.NAMES).build().train(d.fingerprints, d.labels);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> c.predict(Fingerprint.of("q7", java.util.List.of("alpha"), new double[] {1})));
        assertTrue(e.getMessage().contains("'q7'") && e.getMessage().contains("diffusion_coefficient"),
                e.getMessage());
    }

    /**
     * A version 1 model file written by the library before the fingerprints context existed (kept as a test
     * resource, trained by train-classifier on unet fingerprints of tracks) still loads: its context is unknown but
     * for the segmenter of its provenance note, and it predicts what it predicted then (golden probabilities from
     * that version on the five fingerprints of v1-fingerprints.csv, a fingerprint CSV of that version).
     */
    @Test
    void version1FileLoadsWithAnUnknownContextAndPredictsAsBefore() throws Exception {
        Path v1 = Path.of(getClass().getResource("v1-logistic-tracks-unet.json").toURI());
        assertTrue(Files.readString(v1).contains("\"version\" : 1,"));
        TrackClassifier c = TrackClassifiers.load(v1);
        assertEquals(FingerprintContext.UNKNOWN.withSegmenter("unet"), c.context());
        java.util.List<Fingerprint> fps = org.deepspt.io.FingerprintCsv.read(
                Path.of(getClass().getResource("v1-fingerprints.csv").toURI()));
        double[] golden = {0.922718336994842, 0.9717051765755111, 0.8769628228484136, 0.6414717660223198,
            0.8416111084098413};
        assertEquals(golden.length, fps.size());
        for (int i = 0; i < golden.length; i++) {
            assertEquals("free", c.predict(fps.get(i)).label());
            assertEquals(golden[i], c.probabilities(fps.get(i))[0], 1e-15);
        }
        // saved again, it is a version 2 file that keeps what it knows
        TrackClassifier again = TrackClassifiers.fromJson(TrackClassifiers.toJson(c), "again.json");
        assertEquals(c.context(), again.context());
        assertTrue(TrackClassifiers.toJson(c).contains("\"dimension\" : null"));
    }

    @Test
    void theFingerprintsContextRoundTrips() throws Exception {
        Data d = Data.clusters(10, 2, 3, 27);
        FingerprintContext ctx = FingerprintContext.of(3, java.util.List.of(0.1, 0.03), "px", "rolling-msd",
                FingerprintContext.postProcessing(9, false, false, 5));
        TrackClassifier c = ClassifierTrainer.logistic().features(Data.NAMES).build().train(d.fingerprints, d.labels)
                .withContext(ctx);
        String json = TrackClassifiers.toJson(c);
        assertTrue(json.contains("\"written_by\" : \"deepspt "), json);
        assertTrue(json.contains("\"frame_interval_s\" : [ 0.03, 0.1 ]"), json);
        assertTrue(json.contains("\"post_processing\" : \"smooth=9.0;refine=off;d-changes=off;min-segment=5\""),
                json);
        assertTrue(json.contains("\"definition_version\" : " + FingerprintFeature.DEFINITION_VERSION), json);
        assertEquals(ctx, TrackClassifiers.fromJson(json, "m.json").context());
        assertEquals(FingerprintContext.UNKNOWN, TrackClassifiers.fromJson(TrackClassifiers.toJson(
                c.withContext(FingerprintContext.UNKNOWN)), "u.json").context());
    }

    @Test
    void aBadFingerprintsContextIsAClearError() throws Exception {
        InputFormatException dim = loadBroken("\"dimension\" : null", "\"dimension\" : 4");
        assertEquals("fingerprints.dimension", dim.field().orElseThrow());
        InputFormatException unit = loadBroken("\"length_unit\" : null", "\"length_unit\" : 7");
        assertEquals("fingerprints.length_unit", unit.field().orElseThrow());
        InputFormatException missing = loadBroken("\"fingerprints\" :", "\"fingerprintz\" :");
        assertEquals("fingerprints", missing.field().orElseThrow());
    }
    @Test
    void trainedOnTracksItRecordsWhatTheLibraryKnowsAndLeavesTheRestUnknown() {
        java.util.Random r = new java.util.Random(4);
        java.util.List<org.deepspt.api.Trajectory> tracks = new java.util.ArrayList<>();
        java.util.List<String> labels = new java.util.ArrayList<>();
        for (int k = 0; k < 12; k++) {
            double[] x = new double[60];
            double[] y = new double[60];
            double step = k % 2 == 0 ? 0.05 : 0.2;
            for (int i = 1; i < 60; i++) {
                x[i] = x[i - 1] + step * r.nextGaussian();
                y[i] = y[i - 1] + step * r.nextGaussian();
            }
            tracks.add(org.deepspt.api.Trajectory.ofAxes("t" + k, 0.05, x, y));
            labels.add(k % 2 == 0 ? "slow" : "fast");
        }
        TrackClassifier c = ClassifierTrainer.logistic().features(FeatureSets.ALPHA_D).build().trainOnTracks(tracks,
                labels, org.deepspt.baseline.RollingMsdSegmenter.defaults(),
                org.deepspt.fingerprint.DiffusionalFingerprint.defaults());
        FingerprintContext ctx = c.context();
        assertEquals(2, ctx.dimension().getAsInt());
        assertEquals(java.util.List.of(0.05), ctx.frameIntervalsSeconds());
        assertTrue(ctx.lengthUnit().isEmpty(), "the caller's coordinates may be µm or px: not guessed");
        assertTrue(ctx.segmenter().isEmpty(), "the CLI records the user's alias, which the library does not know");
        assertEquals(FingerprintFeature.DEFINITION_VERSION, ctx.definitionVersion().getAsInt());
    }
}
