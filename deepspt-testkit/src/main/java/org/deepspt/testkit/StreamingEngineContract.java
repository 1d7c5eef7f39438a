package org.deepspt.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.deepspt.api.inference.InferenceException;
import org.deepspt.api.inference.StreamingEngine;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link StreamingEngine}, written once, for every implementation (the {@code onnx} and
 * {@code jvm} backends' streaming engines): positive sizes, K + 1 heads of four probabilities that sum to 1 per
 * particle and nothing written past them, a batch giving what its particles give one by one (the carried state
 * included), the refusal of bad arguments with {@link IllegalArgumentException} ({@link StreamingEngine#checkStep}),
 * idempotent close with later steps failing with {@link InferenceException}, and concurrent steps giving what
 * sequential steps give.
 */
public abstract class StreamingEngineContract {
    private static final double SUM_TOLERANCE = 1e-4;

    /** @return a new engine; the test closes it */
    protected abstract StreamingEngine open();

    /** @return how far a batched or concurrent step may differ from one particle's sequential step (default 1e-5) */
    protected double batchTolerance() {
        return 1e-5;
    }

    private static float[] features(StreamingEngine e, int batch, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] f = new float[batch * e.featureCount()];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) r.nextGaussian();
        }
        return f;
    }

    /** Two steps from a zero state, the second carrying the first's state: the probabilities of the second. */
    private static float[] twoSteps(StreamingEngine e, int batch, long seed) {
        int s = e.stateSize();
        int heads = e.maxLag() + 1;
        float[] state = new float[batch * s];
        float[] next = new float[batch * s];
        float[] p = new float[batch * heads * 4];
        e.step(features(e, batch, seed), state, batch, p, next);
        float[] after = new float[batch * s];
        e.step(features(e, batch, seed + 1), next, batch, p, after);
        float[] out = Arrays.copyOf(p, p.length + after.length);
        System.arraycopy(after, 0, out, p.length, after.length);
        return out;
    }

    @Test
    void describesItself() {
        try (StreamingEngine e = open()) {
            assertFalse(e.backend().isBlank(), "backend name");
            assertTrue(e.featureCount() >= 1, "F " + e.featureCount());
            assertTrue(e.stateSize() >= 1, "S " + e.stateSize());
            assertTrue(e.maxLag() >= 0, "K " + e.maxLag());
        }
    }

    @Test
    void writesKPlusOneHeadsOfFourProbabilitiesAndNothingPastThem() {
        try (StreamingEngine e = open()) {
            int batch = 3;
            int heads = e.maxLag() + 1;
            float[] p = new float[batch * heads * 4 + 5];
            float[] next = new float[batch * e.stateSize() + 5];
            Arrays.fill(p, -7f);
            Arrays.fill(next, -7f);
            e.step(features(e, batch, 1), new float[batch * e.stateSize()], batch, p, next);
            for (int h = 0; h < batch * heads; h++) {
                double sum = 0;
                for (int k = 0; k < 4; k++) {
                    float v = p[4 * h + k];
                    assertTrue(v >= 0 && v <= 1, "head row " + h + ": probability " + v);
                    sum += v;
                }
                assertEquals(1, sum, SUM_TOLERANCE, "head row " + h + ": sum");
            }
            for (int i = batch * heads * 4; i < p.length; i++) {
                assertEquals(-7f, p[i], "probabilities written past the batch at " + i);
            }
            for (int i = batch * e.stateSize(); i < next.length; i++) {
                assertEquals(-7f, next[i], "state written past the batch at " + i);
            }
        }
    }

    @Test
    void aBatchGivesWhatItsParticlesGiveOneByOne() {
        try (StreamingEngine e = open()) {
            int batch = 4;
            int f = e.featureCount();
            int s = e.stateSize();
            int heads = e.maxLag() + 1;
            float[] feats = features(e, batch, 9);
            float[] state = new float[batch * s];
            SplittableRandom r = new SplittableRandom(12);
            for (int i = 0; i < state.length; i++) {
                state[i] = (float) (0.1 * r.nextGaussian());
            }
            float[] p = new float[batch * heads * 4];
            float[] next = new float[batch * s];
            e.step(feats, state, batch, p, next);
            for (int b = 0; b < batch; b++) {
                float[] p1 = new float[heads * 4];
                float[] n1 = new float[s];
                e.step(Arrays.copyOfRange(feats, b * f, (b + 1) * f), Arrays.copyOfRange(state, b * s, (b + 1) * s),
                        1, p1, n1);
                assertArrayEquals(p1, Arrays.copyOfRange(p, b * heads * 4, (b + 1) * heads * 4),
                        (float) batchTolerance(), "probabilities of particle " + b);
                assertArrayEquals(n1, Arrays.copyOfRange(next, b * s, (b + 1) * s), (float) batchTolerance(),
                        "next state of particle " + b);
            }
        }
    }

    @Test
    void refusesBadArgumentsAndStaysUsable() {
        try (StreamingEngine e = open()) {
            int f = e.featureCount();
            int s = e.stateSize();
            int heads = e.maxLag() + 1;
            float[] feats = features(e, 2, 3);
            float[] state = new float[2 * s];
            float[] p = new float[2 * heads * 4];
            float[] next = new float[2 * s];
            List<Runnable> bad = List.of(
                    () -> e.step(feats, state, 0, p, next),
                    () -> e.step(feats, state, -1, p, next),
                    () -> e.step(Arrays.copyOf(feats, 2 * f - 1), state, 2, p, next),
                    () -> e.step(feats, Arrays.copyOf(state, 2 * s - 1), 2, p, next),
                    () -> e.step(feats, state, 2, Arrays.copyOf(p, p.length - 1), next),
                    () -> e.step(feats, state, 2, p, Arrays.copyOf(next, next.length - 1)));
            for (int i = 0; i < bad.size(); i++) {
                IllegalArgumentException x = assertThrows(IllegalArgumentException.class, bad.get(i)::run,
                        "bad call " + i);
                assertFalse(x.getMessage() == null || x.getMessage().isBlank(), "message of bad call " + i);
            }
            e.step(feats, state, 2, p, next);
            assertEquals(1, p[0] + p[1] + p[2] + p[3], SUM_TOLERANCE, "a good step after them");
        }
    }

    @Test
    void closeIsIdempotentAndLaterStepsFail() {
        StreamingEngine e = open();
        twoSteps(e, 1, 5);
        e.close();
        e.close();
        InferenceException x = assertThrows(InferenceException.class, () -> twoSteps(e, 1, 5));
        assertFalse(x.getMessage() == null || x.getMessage().isBlank(), "message after close");
    }

    @Test
    void concurrentStepsGiveWhatSequentialStepsGive() throws Exception {
        int threads = 4;
        int rounds = 5;
        try (StreamingEngine e = open()) {
            float[][] expected = new float[threads][];
            for (int t = 0; t < threads; t++) {
                expected[t] = twoSteps(e, 2, 100 + 2 * t);
            }
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<float[]>> results = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    for (int t = 0; t < threads; t++) {
                        long seed = 100 + 2 * t;
                        results.add(pool.submit(() -> twoSteps(e, 2, seed)));
                    }
                }
                for (int i = 0; i < results.size(); i++) {
                    assertArrayEquals(expected[i % threads], results.get(i).get(60, TimeUnit.SECONDS),
                            (float) batchTolerance(), "concurrent steps " + i);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
