package org.deepspt.jvm.impl;

import java.util.Arrays;

/**
 * Plain-Java Conv1d: for each block of 4 output channels, input channel and tap, one pass over the columns
 * updating 4 output rows in memory ({@code y_c[j] += w_c · x[j + k·d]}). The fallback where the Vector API
 * is not readable; also the reference the vector kernels are tested against.
 */
public final class ScalarConv1dKernel implements Conv1dKernel {
    /** Output channels per block. */
    public static final int BLOCK = 4;

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public PackedWeights pack(float[] w, int cout, int cin, int kernel) {
        return PackedWeights.pack(w, cout, cin, kernel, BLOCK);
    }

    @Override
    public void compute(PackedWeights pw, float[] x, int xs, int dil, float[] y, int ys, int j0, int j1) {
        float[] w = pw.data();
        int cin = pw.cin();
        int kn = pw.kernel();
        for (int cb = 0; cb < pw.coutPadded() / BLOCK; cb++) {
            int y0 = (cb * BLOCK) * ys;
            int y1 = y0 + ys;
            int y2 = y1 + ys;
            int y3 = y2 + ys;
            Arrays.fill(y, y0 + j0, y0 + j1, 0f);
            Arrays.fill(y, y1 + j0, y1 + j1, 0f);
            Arrays.fill(y, y2 + j0, y2 + j1, 0f);
            Arrays.fill(y, y3 + j0, y3 + j1, 0f);
            int wp = cb * cin * kn * BLOCK;
            for (int ci = 0; ci < cin; ci++) {
                int xr = ci * xs;
                for (int k = 0; k < kn; k++, wp += BLOCK) {
                    float w0 = w[wp];
                    float w1 = w[wp + 1];
                    float w2 = w[wp + 2];
                    float w3 = w[wp + 3];
                    int xo = xr + k * dil;
                    for (int j = j0; j < j1; j++) {
                        float v = x[xo + j];
                        y[y0 + j] += w0 * v;
                        y[y1 + j] += w1 * v;
                        y[y2 + j] += w2 * v;
                        y[y3 + j] += w3 * v;
                    }
                }
            }
        }
    }
}
