package org.deepspt.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.deepspt.api.DeepSptException;
import org.deepspt.api.InvalidTrajectoryException;
import org.deepspt.api.Segmentation;
import org.deepspt.api.TrackTooShortException;
import org.deepspt.api.Trajectory;
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

    private static OnnxSegmenter open(int dim, OnnxOptions o) throws Exception {
        return OnnxSegmenter.load(fixture(dim), "linear-" + dim + "d", o);
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
            try (OnnxSegmenter s = open(dim, OnnxOptions.defaults())) {
                assertEquals(dim, s.dimension());
                assertEquals(ExecutionDevice.CPU, s.device());
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
        try (OnnxSegmenter s = open(2, OnnxOptions.defaults().withMaxBatchSize(4))) {
            List<Segmentation> all = s.segmentAll(tracks);
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
        try (OnnxSegmenter s = open(3, OnnxOptions.defaults())) {
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
        Path bad = dir.resolve("broken.onnx");
        Files.write(bad, java.util.Arrays.copyOf(good, good.length / 2));
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> OnnxSegmenter.load(bad, OnnxOptions.defaults()));
        assertTrue(e.getMessage().contains("broken"), e.getMessage());
        ModelLoadException missing = assertThrows(ModelLoadException.class,
                () -> OnnxSegmenter.load(dir.resolve("absent.onnx"), OnnxOptions.defaults()));
        assertTrue(missing.getMessage().contains("absent.onnx"), missing.getMessage());
    }

    @Test
    void cudaRequestFallsBackToCpuWithTheCpuRuntime() throws Exception {
        try (OnnxSegmenter s = open(2, OnnxOptions.defaults().withDevice(ExecutionDevice.CUDA))) {
            assertEquals(ExecutionDevice.CPU, s.device());
            assertEquals(20, s.segment(randomTrack("c", 20, 2, new Random(4))).size());
        }
    }

    @Test
    void closeWhileOtherThreadsRunIsSafe() throws Exception {
        OnnxSegmenter s = open(2, OnnxOptions.defaults());
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
                    } catch (DeepSptException e) {
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
        DeepSptException after = assertThrows(DeepSptException.class, () -> s.segment(t));
        assertTrue(after.getMessage().contains("closed"));
        s.close(); // idempotent
    }
}
