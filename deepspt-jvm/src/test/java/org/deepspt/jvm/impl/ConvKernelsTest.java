package org.deepspt.jvm.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Vector API Conv1d kernels agree with the scalar kernel (relative error ≤ 1e-5 of the row scale). */
class ConvKernelsTest {

    @ParameterizedTest
    @CsvSource({"4, 32, 5, 1, 128", "32, 32, 5, 1, 64", "128, 128, 5, 1, 512", "256, 128, 5, 2, 192",
        "32, 4, 1, 1, 64", "3, 5, 3, 3, 128", "1, 1, 1, 1, 64"})
    void vectorKernelsMatchScalar(int cin, int cout, int kw, int dil, int cols) {
        assumeTrue(Kernels.vectorApiAvailable(), "Vector API not enabled");
        SplittableRandom r = new SplittableRandom(cin * 31L + cout);
        float[] w = new float[cout * cin * kw];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) r.nextGaussian();
        }
        int xs = cols + dil * (kw - 1) + 3;
        float[] x = new float[cin * xs];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        float[] ref = compute(Kernels.scalar(), w, cout, cin, kw, dil, x, xs, cols);
        double scale = Math.sqrt(cin * kw);
        for (String v : new String[] {"vector-blocked-4", "vector-blocked-8", "vector-accumulate"}) {
            float[] y = compute(Kernels.vector(v), w, cout, cin, kw, dil, x, xs, cols);
            for (int co = 0; co < cout; co++) {
                for (int j = 0; j < cols; j++) {
                    assertEquals(ref[co * cols + j], y[co * cols + j], 1e-5 * scale, v + " co " + co + " j " + j);
                }
            }
        }
    }

    private static float[] compute(Conv1dKernel k, float[] w, int cout, int cin, int kw, int dil, float[] x, int xs,
            int cols) {
        PackedWeights pw = k.pack(w, cout, cin, kw);
        float[] y = new float[pw.coutPadded() * cols];
        // Two column chunks, to cover j0 > 0.
        int mid = cols / 2 / Conv1dKernel.COLUMN_BLOCK * Conv1dKernel.COLUMN_BLOCK;
        k.compute(pw, x, xs, dil, y, cols, 0, mid);
        k.compute(pw, x, xs, dil, y, cols, mid, cols);
        return y;
    }
}
