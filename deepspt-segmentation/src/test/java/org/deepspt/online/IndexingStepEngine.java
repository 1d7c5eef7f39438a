package org.deepspt.online;

import java.util.concurrent.atomic.AtomicInteger;
import org.deepspt.api.inference.InferenceException;

/**
 * A fake streaming engine that makes head indexing checkable: its state is the particle's step count n
 * (state[0]), and head a of a step gives the point n − a the state (n − a) mod 4 with probability 0.7 (0.1
 * for the others). It checks the features' last value, 1 / √max(i, 1), against the point index i it carries,
 * so a feature or state mix-up between particles fails the step. Counts calls and batch sizes.
 */
final class IndexingStepEngine extends FakeStepEngine {
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger steps = new AtomicInteger();
    volatile int largestBatch;
    volatile boolean failNext;
    /** The point index whose probabilities are NaN (a step the online segmenter rejects), -1 for none. */
    volatile int nanAt = -1;

    IndexingStepEngine(int dim, int maxLag) {
        super(dim, maxLag, 2);
    }

    /** @return the state index the engine assigns to point g */
    static int stateOf(long g) {
        return (int) (g % 4);
    }





    @Override
    public void step(float[] features, float[] state, int batch, float[] probabilities, float[] nextState) {
        if (failNext) {
            throw new InferenceException("fake engine failure");
        }
        calls.incrementAndGet();
        steps.addAndGet(batch);
        largestBatch = Math.max(largestBatch, batch);
        int f = featureCount();
        int k = maxLag + 1;
        for (int b = 0; b < batch; b++) {
            int n = Math.round(state[2 * b]); // index of this point
            double expected = 1.0 / Math.sqrt(Math.max(n, 1));
            if (Math.abs(features[b * f + dim + 1] - expected) > 1e-6) {
                throw new IllegalStateException("row " + b + ": point " + n + " got count feature "
                        + features[b * f + dim + 1]);
            }
            nextState[2 * b] = n + 1;
            nextState[2 * b + 1] = state[2 * b + 1] + features[b * f + dim];
            for (int a = 0; a < k; a++) {
                int o = (b * k + a) * 4;
                int s = n - a >= 0 ? stateOf(n - a) : 0;
                for (int c = 0; c < 4; c++) {
                    probabilities[o + c] = n == nanAt ? Float.NaN : c == s ? 0.7f : 0.1f;
                }
            }
        }
    }

    @Override
    public void close() {
    }
}
