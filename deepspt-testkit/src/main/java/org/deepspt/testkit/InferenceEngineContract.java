package org.deepspt.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.deepspt.api.inference.InferenceEngine;
import org.deepspt.api.inference.InferenceException;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link InferenceEngine}, written once: every implementation (the {@code onnx} and {@code jvm}
 * backends' engines, the test fakes) has a test class that extends this one and says how to open an engine.
 * It checks the shapes ({@code batch × length × 4} probabilities that sum to 1, nothing written past them,
 * nothing read past the batch's input), that a batch gives what its tracks give one by one, the refusal of bad
 * arguments with {@link IllegalArgumentException} (the engine still usable afterwards), that close is idempotent
 * and later runs fail with {@link InferenceException}, that concurrent runs give what sequential runs give, and,
 * where the implementation names one, the same outputs as a reference engine on the same model.
 *
 * <p>Inputs are centred random walks (Gaussian steps of σ = 1, seeded), as the translator feeds real tracks.
 */
public abstract class InferenceEngineContract {
    /** Sum of a point's four probabilities: 1 within this. */
    private static final double SUM_TOLERANCE = 1e-4;

    /**
     * @param dimension one of {@link #dimensions()}
     * @return a new engine for tracks of that dimension; the test closes it
     */
    protected abstract InferenceEngine open(int dimension);

    /** @return the dimensions the implementation serves (default 2 and 3) */
    protected int[] dimensions() {
        return new int[] {2, 3};
    }

    /**
     * @return how far a batched run may differ from the same tracks run one by one, and concurrent runs from
     *     sequential ones (default 1e-5: float32 kernels may block a batch differently)
     */
    protected double batchTolerance() {
        return 1e-5;
    }

    /**
     * @param dimension one of {@link #dimensions()}
     * @return another engine on the same model (another backend) whose outputs this one must reproduce within
     *     {@link #referenceTolerance()}; empty (the default) where there is none
     */
    protected Optional<InferenceEngine> reference(int dimension) {
        return Optional.empty();
    }

    /** @return the largest difference of a probability from the reference engine's (default 1e-4) */
    protected double referenceTolerance() {
        return 1e-4;
    }

    /**
     * @param batch tracks
     * @param length points per track
     * @param dimension coordinates per point
     * @param seed random seed
     * @return {@code batch} centred random walks, row-major {@code [batch, length, dimension]}
     */
    protected static float[] walks(int batch, int length, int dimension, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] out = new float[batch * length * dimension];
        for (int b = 0; b < batch; b++) {
            for (int a = 0; a < dimension; a++) {
                double[] x = new double[length];
                double mean = 0;
                for (int i = 1; i < length; i++) {
                    x[i] = x[i - 1] + r.nextGaussian();
                }
                for (double v : x) {
                    mean += v / length;
                }
                for (int i = 0; i < length; i++) {
                    out[(b * length + i) * dimension + a] = (float) (x[i] - mean);
                }
            }
        }
        return out;
    }

    private static float[] run(InferenceEngine e, float[] input, int batch, int length) {
        float[] out = new float[batch * length * 4];
        e.run(input, batch, length, out);
        return out;
    }

    @Test
    void describesItself() {
        for (int d : dimensions()) {
            try (InferenceEngine e = open(d)) {
                assertEquals(d, e.dimension(), "dimension");
                assertFalse(e.backend().isBlank(), "backend name");
                assertTrue(e.inputName().map(n -> !n.isBlank()).orElse(true), "input name, when known");
            }
        }
    }

    @Test
    void writesFourProbabilitiesPerPointAndNothingPastThem() {
        int[][] cases = {{1, 1}, {1, 17}, {3, 40}};
        for (int d : dimensions()) {
            try (InferenceEngine e = open(d)) {
                for (int[] c : cases) {
                    int batch = c[0];
                    int length = c[1];
                    int n = batch * length;
                    // the input's tail is not the batch's: an engine that reads it would see NaN
                    float[] in = Arrays.copyOf(walks(batch, length, d, 7), n * d + 5);
                    Arrays.fill(in, n * d, in.length, Float.NaN);
                    float[] out = new float[n * 4 + 6];
                    Arrays.fill(out, -7f);
                    e.run(in, batch, length, out);
                    String what = d + "D, batch " + batch + ", length " + length;
                    for (int p = 0; p < n; p++) {
                        double sum = 0;
                        for (int k = 0; k < 4; k++) {
                            float v = out[4 * p + k];
                            assertTrue(v >= 0 && v <= 1, what + ", point " + p + ": probability " + v);
                            sum += v;
                        }
                        assertEquals(1, sum, SUM_TOLERANCE, what + ", point " + p + ": sum");
                    }
                    for (int i = n * 4; i < out.length; i++) {
                        assertEquals(-7f, out[i], what + ": wrote past the batch at " + i);
                    }
                }
            }
        }
    }

    @Test
    void aBatchGivesWhatItsTracksGiveOneByOne() {
        int batch = 4;
        int length = 30;
        for (int d : dimensions()) {
            try (InferenceEngine e = open(d)) {
                float[] in = walks(batch, length, d, 11);
                float[] together = run(e, in, batch, length);
                for (int b = 0; b < batch; b++) {
                    float[] one = Arrays.copyOfRange(in, b * length * d, (b + 1) * length * d);
                    float[] alone = run(e, one, 1, length);
                    assertArrayEquals(alone, Arrays.copyOfRange(together, b * length * 4, (b + 1) * length * 4),
                            (float) batchTolerance(), d + "D track " + b + " of the batch");
                }
            }
        }
    }

    @Test
    void refusesBadArgumentsAndStaysUsable() {
        for (int d : dimensions()) {
            try (InferenceEngine e = open(d)) {
                float[] in = walks(2, 10, d, 3);
                float[] out = new float[2 * 10 * 4];
                List<Runnable> bad = List.of(
                        () -> e.run(in, 0, 10, out),
                        () -> e.run(in, 2, 0, out),
                        () -> e.run(in, -1, 10, out),
                        () -> e.run(Arrays.copyOf(in, in.length - 1), 2, 10, out),
                        () -> e.run(in, 2, 10, Arrays.copyOf(out, out.length - 1)),
                        () -> e.run(in, 3, 10, new float[3 * 10 * 4]));
                for (int i = 0; i < bad.size(); i++) {
                    IllegalArgumentException x = assertThrows(IllegalArgumentException.class, bad.get(i)::run,
                            d + "D bad call " + i);
                    assertFalse(x.getMessage() == null || x.getMessage().isBlank(), "message of bad call " + i);
                }
                float[] good = run(e, in, 2, 10);
                assertEquals(1, good[0] + good[1] + good[2] + good[3], SUM_TOLERANCE, "a good run after them");
            }
        }
    }

    @Test
    void closeIsIdempotentAndLaterRunsFail() {
        for (int d : dimensions()) {
            InferenceEngine e = open(d);
            float[] in = walks(1, 5, d, 5);
            run(e, in, 1, 5);
            e.close();
            e.close();
            InferenceException x = assertThrows(InferenceException.class, () -> run(e, in, 1, 5));
            assertFalse(x.getMessage() == null || x.getMessage().isBlank(), "message after close");
        }
    }

    @Test
    void concurrentRunsGiveWhatSequentialRunsGive() throws Exception {
        int threads = 4;
        int rounds = 5;
        int batch = 2;
        int length = 25;
        for (int d : dimensions()) {
            try (InferenceEngine e = open(d)) {
                float[][] inputs = new float[threads][];
                float[][] expected = new float[threads][];
                for (int t = 0; t < threads; t++) {
                    inputs[t] = walks(batch, length, d, 100 + t);
                    expected[t] = run(e, inputs[t], batch, length);
                }
                ExecutorService pool = Executors.newFixedThreadPool(threads);
                try {
                    List<Future<float[]>> results = new ArrayList<>();
                    for (int round = 0; round < rounds; round++) {
                        for (int t = 0; t < threads; t++) {
                            float[] in = inputs[t];
                            results.add(pool.submit(() -> run(e, in, batch, length)));
                        }
                    }
                    for (int i = 0; i < results.size(); i++) {
                        assertArrayEquals(expected[i % threads], results.get(i).get(60, TimeUnit.SECONDS),
                                (float) batchTolerance(), d + "D concurrent run " + i);
                    }
                } finally {
                    pool.shutdownNow();
                }
            }
        }
    }

    @Test
    void reproducesTheReferenceEngine() {
        int compared = 0;
        for (int d : dimensions()) {
            Optional<InferenceEngine> ref = reference(d);
            if (ref.isEmpty()) {
                continue;
            }
            try (InferenceEngine r = ref.get(); InferenceEngine e = open(d)) {
                float[] in = walks(3, 60, d, 21);
                assertArrayEquals(run(r, in, 3, 60), run(e, in, 3, 60), (float) referenceTolerance(),
                        d + "D: " + e.backend() + " vs " + r.backend());
                compared++;
            }
        }
        assumeTrue(compared > 0, "no reference engine for this implementation");
    }
}
