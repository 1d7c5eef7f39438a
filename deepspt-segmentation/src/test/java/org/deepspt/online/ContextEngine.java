package org.deepspt.online;

import java.util.concurrent.atomic.AtomicInteger;
import org.deepspt.api.inference.InferenceEngine;
import org.deepspt.api.inference.InferenceException;

/**
 * A test model whose output depends on the whole window (the translator centres and scales every window),
 * so windowing is visible: p(c | i) = softmax over c of (c + 1)·u − 4|u|, u = first input feature of point
 * i. Counts its calls; can be told to fail.
 */
final class ContextEngine implements InferenceEngine {
    final AtomicInteger calls = new AtomicInteger();
    volatile boolean fail;
    private final int dimension;

    ContextEngine(int dimension) {
        this.dimension = dimension;
    }

    @Override
    public String backend() {
        return "context-fake";
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public void run(float[] input, int batch, int length, float[] output) {
        if (fail) {
            throw new InferenceException("context-fake: injected engine failure");
        }
        calls.incrementAndGet();
        int features = input.length / (batch * length);
        for (int p = 0; p < batch * length; p++) {
            double u = input[p * features];
            double[] z = new double[4];
            double sum = 0;
            for (int c = 0; c < 4; c++) {
                z[c] = Math.exp((c + 1) * u - 4 * Math.abs(u));
                sum += z[c];
            }
            for (int c = 0; c < 4; c++) {
                output[4 * p + c] = (float) (z[c] / sum);
            }
        }
    }

    @Override
    public void close() {
    }
}
