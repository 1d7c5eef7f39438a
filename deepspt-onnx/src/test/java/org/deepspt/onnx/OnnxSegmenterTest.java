package org.deepspt.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.deepspt.api.InvalidTrajectoryException;
import org.deepspt.api.Segmentation;
import org.deepspt.api.SegmentationResult;
import org.deepspt.api.TrackTooShortException;
import org.deepspt.api.Trajectory;
import org.deepspt.api.inference.EngineOptions;
import org.deepspt.api.inference.InferenceException;
import org.deepspt.api.inference.ModelLoadException;
import org.deepspt.neural.NeuralSegmenter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runtime mechanics against the fixture models of {@code src/test/resources/fixture/make_fixture.py}. */
class OnnxSegmenterTest {
    private static final double[][] W = {{1, -1, 0.5, 0}, {0, 2, -0.5, 1}, {0.25, 0, 1, -1}};
    private static final double[] B = {0, 0.1, -0.1, 0.2};

    @TempDir
    Path dir;

    private static byte[] fixture(int dim) throws Exception {
        try (InputStream in = OnnxSegmenterTest.class.getResourceAsStream("/fixture/linear-" + dim + "d.onnx")) {
            return in.readAllBytes();
        }
    }

    private static NeuralSegmenter open(int dim, int maxBatch) throws Exception {
        return NeuralSegmenter.of("linear-" + dim + "d", engine(dim, EngineOptions.defaults()), maxBatch, 5);
    }

    private static OnnxEngine engine(int dim, EngineOptions o) throws Exception {
        return (OnnxEngine) new OnnxBackend().load(fixture(dim), "linear-" + dim + "d", dim, o);
    }

    private static Trajectory randomTrack(String id, int n, int dim, Random rnd) {
        double[][] axes = new double[dim][n];
        for (int a = 0; a < dim; a++) {
            double v = 100 * rnd.nextDouble();
            for (int i = 0; i < n; i++) {
                v += rnd.nextGaussian() * 0.3;
                axes[a][i] = v;
            }
        }
        return Trajectory.ofAxes(id, 0.1, axes);
    }

    /** softmax((r_i − r_0)·W + b), the fixture's formula. */
    private static double[] expected(Trajectory t, int i) {
        double[] z = B.clone();
        for (int a = 0; a < t.dimension(); a++) {
            double c = t.coordinate(i, a) - t.coordinate(0, a);
            for (int k = 0; k < 4; k++) {
                z[k] += c * W[a][k];
            }
        }
        double max = Math.max(Math.max(z[0], z[1]), Math.max(z[2], z[3]));
        double sum = 0;
        for (int k = 0; k < 4; k++) {
            z[k] = Math.exp(z[k] - max);
            sum += z[k];
        }
        for (int k = 0; k < 4; k++) {
            z[k] /= sum;
        }
        return z;
    }

    @Test
    void probabilitiesFollowTheModelIn2dAnd3d() throws Exception {
        Random rnd = new Random(1);
        for (int dim = 2; dim <= 3; dim++) {
            try (NeuralSegmenter s = open(dim, 64)) {
                assertEquals(dim, s.dimension());
                assertEquals("onnx", s.backend());
                Trajectory t = randomTrack("t" + dim, 37, dim, rnd);
                Segmentation seg = s.segment(t);
                assertEquals(37, seg.size());
                assertArrayEquals(t.frames(), seg.frames());
                for (int i = 0; i < t.size(); i++) {
                    assertArrayEquals(expected(t, i), seg.probabilities(i), 2e-5, "point " + i);
                }
            }
        }
    }

    @Test
    void batchedRunKeepsOrderAndEqualsSingleRuns() throws Exception {
        Random rnd = new Random(2);
        List<Trajectory> tracks = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            tracks.add(randomTrack("id" + i, 5 + rnd.nextInt(4) * 10, 2, rnd));
        }
        try (NeuralSegmenter s = open(2, 4)) {
            List<Segmentation> all = s.segmentEach(tracks).stream().map(SegmentationResult::orElseThrow).toList();
            assertEquals(tracks.size(), all.size());
            for (int i = 0; i < tracks.size(); i++) {
                Segmentation one = s.segment(tracks.get(i));
                assertEquals(tracks.get(i).id(), all.get(i).trackId());
                assertArrayEquals(one.probabilityMatrix(), all.get(i).probabilityMatrix(), 1e-6);
            }
        }
    }

    @Test
    void wrongDimensionAndShortTracksAreNamed() throws Exception {
        try (NeuralSegmenter s = open(3, 64)) {
            InvalidTrajectoryException e = assertThrows(InvalidTrajectoryException.class,
                    () -> s.segment(randomTrack("flat", 10, 2, new Random(3))));
            assertEquals("flat", e.trackId());
            TrackTooShortException shortE = assertThrows(TrackTooShortException.class,
                    () -> s.segment(randomTrack("tiny", 4, 3, new Random(3))));
            assertEquals(5, shortE.minimum());
            assertTrue(shortE.getMessage().contains("'tiny'"));
        }
    }

    @Test
    void corruptedOrMissingModelGivesClearError() throws Exception {
        byte[] good = fixture(2);
        byte[] bad = java.util.Arrays.copyOf(good, good.length / 2);
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> new OnnxBackend().load(bad, "broken", 2, EngineOptions.defaults()));
        assertTrue(e.getMessage().contains("broken"), e.getMessage());
        ModelLoadException wrongDim = assertThrows(ModelLoadException.class,
                () -> new OnnxBackend().load(good, "flat", 3, EngineOptions.defaults()));
        assertTrue(wrongDim.getMessage().contains("[batch, length, 3]"), wrongDim.getMessage());
    }

    @Test
    void cudaRequestFallsBackToCpuWithTheCpuRuntime() throws Exception {
        try (OnnxEngine e = engine(2, EngineOptions.defaults().withDevice("cuda"))) {
            assertEquals("cpu", e.device());
            NeuralSegmenter s = NeuralSegmenter.of("c", e, 64, 5);
            assertEquals(20, s.segment(randomTrack("c", 20, 2, new Random(4))).size());
        }
    }

    @Test
    void closeWhileOtherThreadsRunIsSafe() throws Exception {
        NeuralSegmenter s = open(2, 64);
        Trajectory t = randomTrack("busy", 200, 2, new Random(5));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger closedErrors = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            futures.add(pool.submit(() -> {
                for (int i = 0; i < 2000; i++) {
                    try {
                        s.segment(t);
                        ok.incrementAndGet();
                    } catch (InferenceException e) {
                        assertTrue(e.getMessage().contains("closed"), e.getMessage());
                        closedErrors.incrementAndGet();
                        return;
                    }
                }
            }));
        }
        while (ok.get() < 20) {
            Thread.sleep(1);
        }
        s.close();
        for (Future<?> f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertTrue(ok.get() >= 20);
        InferenceException after = assertThrows(InferenceException.class, () -> s.segment(t));
        assertTrue(after.getMessage().contains("closed"));
        s.close(); // idempotent
    }
}
