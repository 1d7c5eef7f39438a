package org.deepspt.neural;

import java.util.concurrent.atomic.AtomicInteger;
import org.deepspt.api.inference.InferenceEngine;
import org.deepspt.api.inference.InferenceException;

/**
 * A test engine: p(state c | point i) = softmax over c of (c + 1)·x_i, where x_i is the first coordinate of
 * the centred input; counts its calls; can be told to fail.
 */
final class FakeEngine implements InferenceEngine {
    final AtomicInteger calls = new AtomicInteger();
    volatile boolean fail;
    volatile boolean closed;
    private final int dimension;

    FakeEngine(int dimension) {
        this.dimension = dimension;
    }

    @Override
    public String backend() {
        return "fake";
    }

    @Override
    public int dimension() {
        return dimension;
    }

    static double[] expected(double x) {
        double[] z = new double[4];
        double sum = 0;
        for (int c = 0; c < 4; c++) {
            z[c] = Math.exp((c + 1) * x - 4 * Math.abs(x));
            sum += z[c];
        }
        for (int c = 0; c < 4; c++) {
            z[c] /= sum;
        }
        return z;
    }

    @Override
    public void run(float[] input, int batch, int length, float[] output) {
        if (closed) {
            throw new InferenceException("fake engine is closed");
        }
        if (fail) {
            throw new InferenceException("fake engine: injected native failure");
        }
        calls.incrementAndGet();
        for (int p = 0; p < batch * length; p++) {
            double[] z = expected(input[p * dimension]);
            for (int c = 0; c < 4; c++) {
                output[4 * p + c] = (float) z[c];
            }
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
