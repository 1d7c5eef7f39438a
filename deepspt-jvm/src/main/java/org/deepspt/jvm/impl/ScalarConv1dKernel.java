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
            if (kn == 5) {
                for (int ci = 0; ci < cin; ci++, wp += 5 * BLOCK) {
                    taps5(w, wp, x, ci * xs, dil, y, y0, ys, j0, j1);
                }
                continue;
            }
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

    /** All five taps of one input channel per pass: 5 input loads and 4 output updates per column. */
    private static void taps5(float[] w, int wp, float[] x, int xr, int dil, float[] y, int y0, int ys, int j0,
            int j1) {
        float w00 = w[wp];
        float w01 = w[wp + 1];
        float w02 = w[wp + 2];
        float w03 = w[wp + 3];
        float w10 = w[wp + 4];
        float w11 = w[wp + 5];
        float w12 = w[wp + 6];
        float w13 = w[wp + 7];
        float w20 = w[wp + 8];
        float w21 = w[wp + 9];
        float w22 = w[wp + 10];
        float w23 = w[wp + 11];
        float w30 = w[wp + 12];
        float w31 = w[wp + 13];
        float w32 = w[wp + 14];
        float w33 = w[wp + 15];
        float w40 = w[wp + 16];
        float w41 = w[wp + 17];
        float w42 = w[wp + 18];
        float w43 = w[wp + 19];
        int y1 = y0 + ys;
        int y2 = y1 + ys;
        int y3 = y2 + ys;
        for (int j = j0; j < j1; j++) {
            int xo = xr + j;
            float x0 = x[xo];
            float x1 = x[xo + dil];
            float x2 = x[xo + 2 * dil];
            float x3 = x[xo + 3 * dil];
            float x4 = x[xo + 4 * dil];
            y[y0 + j] += w00 * x0 + w10 * x1 + w20 * x2 + w30 * x3 + w40 * x4;
            y[y1 + j] += w01 * x0 + w11 * x1 + w21 * x2 + w31 * x3 + w41 * x4;
            y[y2 + j] += w02 * x0 + w12 * x1 + w22 * x2 + w32 * x3 + w42 * x4;
            y[y3 + j] += w03 * x0 + w13 * x1 + w23 * x2 + w33 * x3 + w43 * x4;
        }
    }
}
