package org.deepspt.neural;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.deepspt.api.ReliabilityThresholds;
import org.deepspt.api.Segmentation;
import org.deepspt.api.SegmentationFailure;
import org.deepspt.api.SegmentationResult;
import org.deepspt.api.SegmenterProvenance;
import org.deepspt.api.TrackTooShortException;
import org.deepspt.api.Trajectory;
import org.deepspt.api.UnreliableReason;
import org.deepspt.api.inference.InferenceException;
import org.deepspt.pipeline.Pipeline;
import org.deepspt.pipeline.PipelineResult;
import org.deepspt.pipeline.TrackResult;
import org.deepspt.smoothing.BoundaryRefiner;
import org.deepspt.smoothing.OutputCalibration;
import org.deepspt.smoothing.PathPosterior;
import org.deepspt.smoothing.ViterbiSmoother;
import org.junit.jupiter.api.Test;

class NeuralSegmenterTest {

    private static Trajectory track(String id, int n, Random rnd) {
        double[][] axes = new double[2][n];
        for (int a = 0; a < 2; a++) {
            double v = 1e4 * rnd.nextDouble();
            for (int i = 0; i < n; i++) {
                v += 0.3 * rnd.nextGaussian();
                axes[a][i] = v;
            }
        }
        return Trajectory.ofAxes(id, 0.1, axes);
    }

    @Test
    void translatorCentresInDoublePrecisionAndRenormalises() {
        Trajectory t = Trajectory.ofAxes("far", 1.0, new double[] {1e6, 1e6 + 0.001, 1e6 - 0.002},
                new double[] {5, 6, 7});
        float[] in = new float[6];
        SegmentationTranslator.of(2).encode(List.of(t), in);
        assertArrayEquals(new float[] {0, 0, 0.001f, 1, -0.002f, 2}, in, 1e-9f);
        float[] out = {1, 1, 1, 1, 0, 2, 0, 0, 3, 0, 0, 1};
        Segmentation s = SegmentationTranslator.of(2).decode(t, 0, out);
        assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.25}, s.probabilities(0), 1e-15);
        assertArrayEquals(new double[] {0, 1, 0, 0}, s.probabilities(1), 1e-15);
        assertArrayEquals(new double[] {0.75, 0, 0, 0.25}, s.probabilities(2), 1e-15);
        assertThrows(IllegalStateException.class,
                () -> SegmentationTranslator.of(2).decode(t, 0, new float[] {Float.NaN, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0}));
    }

    @Test
    void batchifierGroupsEqualLengthsAndCoversEveryTrackOnce() {
        Random rnd = new Random(1);
        List<Trajectory> tracks = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            tracks.add(track("t" + i, 5 + 10 * (i % 3), rnd));
        }
        List<int[]> batches = LengthBatchifier.of(4, 1 << 16).batches(tracks);
        boolean[] seen = new boolean[40];
        for (int[] b : batches) {
            assertTrue(b.length <= 4);
            for (int i : b) {
                assertEquals(tracks.get(b[0]).size(), tracks.get(i).size());
                assertTrue(!seen[i]);
                seen[i] = true;
            }
        }
        for (boolean s : seen) {
            assertTrue(s);
        }
        // The frame cap splits long groups: 3 tracks of 100 points with at most 250 points per batch.
        List<Trajectory> longOnes = List.of(track("a", 100, rnd), track("b", 100, rnd), track("c", 100, rnd));
        assertEquals(2, LengthBatchifier.of(64, 250).batches(longOnes).size());
    }

    @Test
    void segmentEachEqualsSegmentAndFollowsTheEngine() {
        Random rnd = new Random(2);
        FakeEngine engine = new FakeEngine(2);
        NeuralSegmenter s = NeuralSegmenter.of("fake", engine, 3, 5);
        List<Trajectory> tracks = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            tracks.add(track("t" + i, 5 + i % 4, rnd));
        }
        List<Segmentation> all = s.segmentEach(tracks).stream().map(SegmentationResult::orElseThrow).toList();
        for (int i = 0; i < tracks.size(); i++) {
            Trajectory t = tracks.get(i);
            assertEquals(t.id(), all.get(i).trackId());
            assertArrayEquals(s.segment(t).probabilityMatrix(), all.get(i).probabilityMatrix(), 0);
            for (int k = 0; k < t.size(); k++) {
                double x = (float) (t.coordinate(k, 0) - t.coordinate(0, 0));
                assertArrayEquals(FakeEngine.expected(x), all.get(i).probabilities(k), 1e-6);
            }
        }
        assertThrows(TrackTooShortException.class, () -> s.segment(track("tiny", 4, rnd)));
        Trajectory huge = Trajectory.ofAxes("huge", 1.0, new double[] {0, 1e160, 2e160, 0, 1, 2},
                new double[] {0, 1, 2, 3, 4, 5});
        org.deepspt.api.InvalidTrajectoryException e = assertThrows(
                org.deepspt.api.InvalidTrajectoryException.class, () -> s.segment(huge));
        assertEquals("huge", e.trackId());
        Trajectory tooLong = Trajectory.ofAxes("long", 1.0, new double[NeuralSegmenter.MAX_LENGTH + 1],
                new double[NeuralSegmenter.MAX_LENGTH + 1]);
        org.deepspt.api.InvalidTrajectoryException tl = assertThrows(
                org.deepspt.api.InvalidTrajectoryException.class, () -> s.segment(tooLong));
        assertTrue(tl.getMessage().contains("at most 100000"), tl.getMessage());
        assertTrue(e.getMessage().contains("span"), e.getMessage());
        // the limit is where the models still give finite probabilities (10^10 measured), with a decade of margin
        Trajectory far = Trajectory.ofAxes("far", 1.0, new double[] {0, 1, 2, 3, 4, 5e9}, new double[6]);
        org.deepspt.api.InvalidTrajectoryException f = assertThrows(
                org.deepspt.api.InvalidTrajectoryException.class, () -> s.segment(far));
        assertTrue(f.getMessage().contains("takes spans up to 1.0E9"), f.getMessage());
        s.segment(Trajectory.ofAxes("near", 1.0, new double[] {0, 1, 2, 3, 4, 5e8}, new double[6]));
    }

    /**
     * A calibration table is applied after the engine: unsmoothed rows are p^(1/T) renormalised with T from the
     * table at the track's length and Q̂ (argmax unchanged); smoothed rows are the {@link PathPosterior} marginals
     * at the smoothed table's T, with the Viterbi states of the engine's rows; the verdict's mean confidence is
     * that of the reported rows.
     */
    @Test
    void outputCalibrationTemperesRowsAndSmoothedRowsAreTheMarginalsOfTheViterbiStates() {
        Random rnd = new Random(5);
        OutputCalibration cal = OutputCalibration.of(new double[] {5, 50}, new double[] {0.5, 2},
                new double[][] {{0.4, 0.2}, {0.1, 0.0}}, 9, new double[][] {{1.6, 1.5}, {1.4, 1.3}});
        String sha = "0".repeat(64);
        ReliabilityThresholds rel = ReliabilityThresholds.defaults(2);
        try (NeuralSegmenter raw = NeuralSegmenter.of("fake", sha, new FakeEngine(2), 8, 1, 0, rel);
                NeuralSegmenter plain = NeuralSegmenter.of("fake", sha, new FakeEngine(2), 8, 1, 0, rel, cal);
                NeuralSegmenter smooth = NeuralSegmenter.of("fake", sha, new FakeEngine(2), 8, 1, 9, rel, cal)) {
            assertEquals(cal, smooth.outputCalibration());
            for (int n : new int[] {5, 17, 60}) {
                Trajectory t = track("c" + n, n, rnd);
                double[] p = raw.segment(t).probabilityMatrix();
                double snr = org.deepspt.reliability.SnrEstimate.of(t).snr();
                double tr = cal.temperature(n, snr, false);
                Segmentation a = plain.segment(t);
                for (int i = 0; i < n; i++) {
                    double z = 0;
                    for (int k = 0; k < 4; k++) {
                        z += Math.pow(p[4 * i + k], 1 / tr);
                    }
                    for (int k = 0; k < 4; k++) {
                        assertEquals(Math.pow(p[4 * i + k], 1 / tr) / z, a.probabilityMatrix()[4 * i + k], 1e-12);
                    }
                    assertEquals(raw.segment(t).state(i), a.state(i));
                }
                Segmentation b = smooth.segment(t);
                double[] g = PathPosterior.of(9).marginals(p, n, cal.temperature(n, snr, true), null, null);
                int[] path = ViterbiSmoother.of(9).decode(p, n, null, null);
                for (int i = 0; i < n; i++) {
                    assertEquals(path[i], b.state(i).index(), "state at " + i);
                    double max = Math.max(Math.max(g[4 * i], g[4 * i + 1]), Math.max(g[4 * i + 2], g[4 * i + 3]));
                    assertEquals(max, b.probabilities(i)[path[i]], 1e-12, "row max on the path's state at " + i);
                }
                double meanMax = 0;
                for (int i = 0; i < n; i++) {
                    meanMax += b.probabilities(i)[b.state(i).index()] / n;
                }
                double cbar = meanMax;
                assertEquals(cbar < rel.minMeanConfidence(), b.reliability().orElseThrow().reasons().stream()
                        .anyMatch(f -> f.reason() == UnreliableReason.LOW_CONFIDENCE), "verdict of " + t.id());
            }
        }
    }

    /**
     * The contract of {@code Segmenter.segmentEach}: a track that cannot be segmented is a failure naming it, in
     * its place, and the other tracks are segmented in their usual batches (no retry track by track).
     */
    @Test
    void segmentEachFailsOnlyTheBadTracksNamingThem() {
        Random rnd = new Random(4);
        FakeEngine engine = new FakeEngine(2);
        NeuralSegmenter s = NeuralSegmenter.of("fake", engine, 3, 5);
        List<Trajectory> tracks = List.of(track("ok1", 8, rnd), track("short", 3, rnd), track("ok2", 8, rnd),
                track("also-short", 2, rnd));
        List<SegmentationResult> r = s.segmentEach(tracks);
        assertEquals(List.of("ok1", "short", "ok2", "also-short"), r.stream().map(SegmentationResult::trackId).toList());
        assertEquals(List.of(true, false, true, false), r.stream().map(SegmentationResult::succeeded).toList());
        SegmentationFailure f = r.get(1).failure().orElseThrow();
        assertEquals("short", f.trackId());
        TrackTooShortException cause = assertInstanceOf(TrackTooShortException.class, f.cause());
        assertEquals("short", cause.trackId());
        assertEquals(cause.getMessage(), f.reason());
        assertTrue(f.reason().contains("has 3 points") && f.reason().contains("needs at least 5"), f.reason());
        assertTrue(r.get(3).failure().orElseThrow().reason().contains("has 2 points"));
        assertEquals(1, engine.calls.get(), "the two good tracks of equal length go in one engine call");
        assertArrayEquals(s.segment(tracks.get(2)).probabilityMatrix(),
                r.get(2).segmentation().orElseThrow().probabilityMatrix(), 0);
        assertTrue(r.get(0).failure().isEmpty());
    }

    /**
     * A frame gap is refused by name instead of being read as one step (review: frames 0..99 then 105..204 gave the
     * states of the same points with consecutive frames, verdict reliable); filled, the track segments with a row for
     * every frame, and a pipeline reports the gapped track as rejected while the others go on.
     */
    @Test
    void aTrackWithMissingFramesIsRefusedNamingTheFirstGapUntilItIsFilled() {
        Random rnd = new Random(6);
        FakeEngine engine = new FakeEngine(2);
        NeuralSegmenter s = NeuralSegmenter.of("fake", engine, 8, 5);
        assertTrue(s.requiresConsecutiveFrames());
        Trajectory whole = track("g", 200, rnd);
        int[] frames = new int[200];
        for (int i = 0; i < 200; i++) {
            frames[i] = i < 100 ? i : i + 5;
        }
        Trajectory gapped = Trajectory.of("g", 0.1, frames, whole.axis(0), whole.axis(1));
        org.deepspt.api.InvalidTrajectoryException e = assertThrows(
                org.deepspt.api.InvalidTrajectoryException.class, () -> s.segment(gapped));
        assertEquals("g", e.trackId());
        assertTrue(e.getMessage().contains("frames 99 → 105") && e.getMessage().contains("skip 5 frames")
                && e.getMessage().contains("Trajectory.withGapsInterpolated()"), e.getMessage());
        assertEquals(0, engine.calls.get(), "refused before the engine runs");

        List<SegmentationResult> r = s.segmentEach(List.of(track("a", 30, rnd), gapped, track("b", 30, rnd)));
        assertTrue(r.get(0).succeeded() && r.get(2).succeeded());
        assertEquals(e.getMessage(), r.get(1).failure().orElseThrow().reason());

        Trajectory filled = gapped.withGapsInterpolated();
        Segmentation seg = s.segment(filled);
        assertEquals(205, seg.size());
        assertArrayEquals(filled.frames(), seg.frames());

        PipelineResult pr = Pipeline.builder().segmenter(s).segmentOnly().threads(1).build()
                .run(List.of(track("c", 30, rnd), gapped, filled.withId("filled")));
        assertEquals(List.of("g"), pr.rejectedIds());
        assertTrue(pr.issues().get(0).detail().contains("frames 99 → 105"), pr.issues().get(0).detail());
        assertEquals(2, pr.results().size());
    }

    /** A track whose probabilities cannot be decoded fails alone, though it shared the engine call. */
    @Test
    void aTrackTheModelCannotDecodeFailsAloneInItsBatch() {
        Random rnd = new Random(5);
        FakeEngine engine = new FakeEngine(2);
        NeuralSegmenter s = NeuralSegmenter.of("fake", engine, 8, 5);
        double[] x = {0, 0.1, -1000, 0.2, 0.1, 0};   // exp underflows for every state at x = -1000: no probabilities
        Trajectory bad = Trajectory.ofAxes("nan", 1.0, x, new double[6]);
        List<SegmentationResult> r = s.segmentEach(List.of(track("a", 6, rnd), bad, track("b", 6, rnd)));
        assertEquals(1, engine.calls.get());
        assertTrue(r.get(0).succeeded() && r.get(2).succeeded());
        SegmentationFailure f = r.get(1).failure().orElseThrow();
        assertEquals("nan", f.trackId());
        assertInstanceOf(org.deepspt.api.InvalidTrajectoryException.class, f.cause());
        assertTrue(f.reason().contains("model 'fake' cannot segment it"), f.reason());
        org.deepspt.api.InvalidTrajectoryException e = assertThrows(
                org.deepspt.api.InvalidTrajectoryException.class, () -> s.segment(bad));
        assertEquals(f.reason(), e.getMessage());
    }

    /** The deprecated all-or-nothing call keeps its contract: the first bad track's exception, naming it. */
    @Test
    @SuppressWarnings("deprecation")
    void deprecatedSegmentAllStillFailsOnTheFirstBadTrack() {
        Random rnd = new Random(4);
        NeuralSegmenter s = NeuralSegmenter.of("fake", new FakeEngine(2), 3, 5);
        List<Trajectory> tracks = List.of(track("ok1", 8, rnd), track("short", 3, rnd), track("ok2", 9, rnd),
                track("also-short", 2, rnd));
        TrackTooShortException e = assertThrows(TrackTooShortException.class, () -> s.segmentAll(tracks));
        assertEquals("short", e.trackId());
        assertEquals(2, s.segmentAll(List.of(tracks.get(0), tracks.get(2))).size());
    }

    @Test
    void pipelineBatchesReportsShortTracksOneByOneAndStopsOnEngineFailure() {
        Random rnd = new Random(3);
        FakeEngine engine = new FakeEngine(2);
        NeuralSegmenter s = NeuralSegmenter.of("fake", engine, 64, 5);
        List<Trajectory> tracks = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            tracks.add(track("t" + i, i == 7 ? 3 : 30, rnd));
        }
        PipelineResult r = Pipeline.builder().segmenter(s).segmentOnly().batchSize(16).threads(2).build().run(tracks);
        assertEquals(List.of("t7"), r.rejectedIds());
        assertTrue(r.issues().get(0).detail().startsWith("segmentation: "), r.issues().get(0).detail());
        assertEquals(49, r.results().size());
        for (TrackResult tr : r.results()) {
            assertTrue(tr.fingerprint().isEmpty());
            assertEquals(30, tr.segmentation().orElseThrow().size());
        }
        // 4 chunks (16, 16, 16, 2 tracks of 30 points), one engine call each: the chunk with the short track is
        // not segmented again track by track.
        assertEquals(4, engine.calls.get(), "engine calls");

        engine.fail = true;
        InferenceException e = assertThrows(InferenceException.class,
                () -> Pipeline.builder().segmenter(s).threads(2).build().run(tracks));
        assertTrue(e.getMessage().contains("injected"), e.getMessage());
        engine.fail = false;
        s.close();
        assertThrows(InferenceException.class, () -> s.segment(tracks.get(0)));
    }

    @Test
    void recordsTheSha256OfItsModelFileWhenGivenOne() {
        try (NeuralSegmenter plain = NeuralSegmenter.of("fake", new FakeEngine(2), 8, 1)) {
            assertTrue(plain.modelSha256().isEmpty());
        }
        String sha = "0123456789abcdef".repeat(4);
        try (NeuralSegmenter s = NeuralSegmenter.of("fake", sha, new FakeEngine(2), 8, 1)) {
            assertEquals(sha, s.modelSha256().orElseThrow());
            assertEquals("fake", s.name());
            assertEquals(SegmenterProvenance.ofModel("fake", "fake").withSha256(sha), s.provenance());
        }
        SegmenterProvenance p = SegmenterProvenance.ofModel("m", "fake").withManifest("/models/m.manifest.json")
                .withModelFile("/models/m.onnx").withSha256(sha);
        try (NeuralSegmenter s = NeuralSegmenter.of(p, new FakeEngine(2), 8, 1, 0,
                org.deepspt.api.ReliabilityThresholds.defaults(2))) {
            assertEquals("m", s.name());
            assertEquals(p, s.provenance());
            assertTrue(s.provenance().usesModel());
        }
        IllegalArgumentException wrongBackend = assertThrows(IllegalArgumentException.class,
                () -> NeuralSegmenter.of(SegmenterProvenance.ofModel("m", "onnx"), new FakeEngine(2), 8, 1, 0,
                        org.deepspt.api.ReliabilityThresholds.defaults(2)));
        assertTrue(wrongBackend.getMessage().contains("onnx") && wrongBackend.getMessage().contains("fake"),
                wrongBackend.getMessage());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NeuralSegmenter.of("fake", sha.toUpperCase(java.util.Locale.ROOT), new FakeEngine(2), 8, 1));
        assertTrue(e.getMessage().contains("model 'fake'"), e.getMessage());
    }

    /**
     * With a {@link BoundaryRefiner}, a smoothed segmenter's states are the refiner's moves of the Viterbi path of the
     * engine's rows (at the smoothed table's T), the reported rows the marginals with the argmax on that state, and
     * the D splits come after; here the engine's change (where x − x₀ crosses 0, near point 40) lies about 10
     * points after the step scale changes 400-fold (point 30), so the change moves.
     */
    @Test
    void boundaryRefinerMovesTheViterbiChangesBeforeTheSplits() {
        OutputCalibration cal = OutputCalibration.of(new double[] {5, 50}, new double[] {0.5, 2},
                new double[][] {{0.4, 0.2}, {0.1, 0.0}}, 9, new double[][] {{1.6, 1.5}, {1.4, 1.3}});
        ReliabilityThresholds rel = ReliabilityThresholds.defaults(2);
        SegmenterProvenance prov = SegmenterProvenance.ofModel("fake", "fake");
        int n = 80;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 1; i < n; i++) {
            // x − x₀ (the engine's input) falls to −1 at point 20 and is back at 0 at point 40: state 0, then 3
            x[i] = x[i - 1] + (i <= 20 ? -0.05 : 0.05);
            y[i] = y[i - 1] + (i % 2 == 0 ? 1 : -1) * (i < 30 ? 0.05 : 1.0);
        }
        Trajectory t = Trajectory.ofAxes("refine-me", 0.1, x, y);
        BoundaryRefiner refiner = BoundaryRefiner.defaults();
        try (NeuralSegmenter raw = NeuralSegmenter.of("fake", new FakeEngine(2), 8, 1);
                NeuralSegmenter plain = NeuralSegmenter.of(prov, new FakeEngine(2), 8, 1, 9, rel, null, cal, null);
                NeuralSegmenter refined = NeuralSegmenter.of(prov, new FakeEngine(2), 8, 1, 9, rel, null, cal,
                        refiner)) {
            assertTrue(plain.boundaryRefiner().isEmpty());
            assertEquals(refiner, refined.boundaryRefiner().orElseThrow());
            double[] p = raw.segment(t).probabilityMatrix();
            double ts = cal.temperature(n, org.deepspt.reliability.SnrEstimate.of(t).snr(), true);
            int[] viterbi = ViterbiSmoother.of(9).decode(p, n, null, null);
            int[] moved = refiner.refine(t, viterbi, p, ts);
            assertArrayEquals(viterbi, plain.segment(t).stateIndices());
            Segmentation s = refined.segment(t);
            assertArrayEquals(moved, s.stateIndices());
            assertFalse(Arrays.equals(viterbi, moved), "the change should move: " + Arrays.toString(viterbi));
            double[] g = PathPosterior.of(9).marginals(p, n, ts, null, null);
            for (int i = 0; i < n; i++) {
                double max = Math.max(Math.max(g[4 * i], g[4 * i + 1]), Math.max(g[4 * i + 2], g[4 * i + 3]));
                assertEquals(max, s.probabilities(i)[moved[i]], 1e-12, "row max on the moved state at " + i);
            }
        }
    }
}
