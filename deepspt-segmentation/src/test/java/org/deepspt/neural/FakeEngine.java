package org.deepspt.neural;

import java.util.concurrent.atomic.AtomicInteger;
import org.deepspt.api.inference.EngineGate;
import org.deepspt.api.inference.InferenceEngine;
import org.deepspt.api.inference.InferenceException;

/**
 * The test engine of the core tests (it passes the engine contract, {@code FakeEngineContractTest}): p(state c |
 * point i) = softmax over c of (c + 1)·u − 4|u|, u = the first input value (coordinate) of point i. The translator
 * centres and scales every track or window, so the output depends on the whole window and windowing is visible.
 * Counts its calls; can be told to fail.
 */
public final class FakeEngine implements InferenceEngine {
    /** Successful runs so far. */
    public final AtomicInteger calls = new AtomicInteger();
    /** When true, every run fails with an {@link InferenceException} ("injected") as a native failure would. */
    public volatile boolean fail;
    private final int dimension;
    private final EngineGate gate = new EngineGate("fake engine is closed");

    /** @param dimension 2 or 3 */
    public FakeEngine(int dimension) {
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

    /**
     * @param u the first input value of a point
     * @return the four probabilities the engine gives it
     */
    public static double[] expected(double u) {
        double[] z = new double[4];
        double sum = 0;
        for (int c = 0; c < 4; c++) {
            z[c] = Math.exp((c + 1) * u - 4 * Math.abs(u));
            sum += z[c];
        }
        for (int c = 0; c < 4; c++) {
            z[c] /= sum;
        }
        return z;
    }

    @Override
    public void run(float[] input, int batch, int length, float[] output) {
        InferenceEngine.checkRun(this, "fake", input, batch, length, output);
        gate.enter();
        try {
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
        } finally {
            gate.exit();
        }
    }

    @Override
    public void close() {
        gate.close(() -> { });
    }
}
