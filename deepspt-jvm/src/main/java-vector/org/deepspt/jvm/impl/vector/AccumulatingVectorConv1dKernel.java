package org.deepspt.jvm.impl.vector;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.deepspt.jvm.impl.Conv1dKernel;
import org.deepspt.jvm.impl.PackedWeights;

/**
 * Conv1d on the Vector API, accumulating in memory: for each block of 4 output channels, input channel and
 * tap, one vector pass over the columns, {@code y_c[j..] = fma(w_c, x[j + k·d ..], y_c[j..])}. No vector
 * value lives across a loop iteration, which is what JDK 17's C2 needs to keep vectors in registers, where the
 * register-blocked {@link BlockedVectorConv1dKernel} boxes its loop-carried vectors ({@link
 * org.deepspt.jvm.impl.Kernels} picks between them; the measurements are in BENCHMARKS.md).
 */
public final class AccumulatingVectorConv1dKernel implements Conv1dKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int BLOCK = 4;

    /** Public no-argument constructor for reflective loading. */
    public AccumulatingVectorConv1dKernel() {
    }

    @Override
    public String name() {
        return "vector-accumulate-" + S.vectorBitSize();
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
        int vl = S.length();
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
                    taps5(w, wp, x, ci * xs, dil, y, y0, ys, j0, j1, vl);
                }
                continue;
            }
            for (int ci = 0; ci < cin; ci++) {
                int xr = ci * xs;
                for (int k = 0; k < kn; k++, wp += BLOCK) {
                    FloatVector w0 = FloatVector.broadcast(S, w[wp]);
                    FloatVector w1 = FloatVector.broadcast(S, w[wp + 1]);
                    FloatVector w2 = FloatVector.broadcast(S, w[wp + 2]);
                    FloatVector w3 = FloatVector.broadcast(S, w[wp + 3]);
                    int xo = xr + k * dil;
                    for (int j = j0; j < j1; j += vl) {
                        FloatVector v = FloatVector.fromArray(S, x, xo + j);
                        w0.fma(v, FloatVector.fromArray(S, y, y0 + j)).intoArray(y, y0 + j);
                        w1.fma(v, FloatVector.fromArray(S, y, y1 + j)).intoArray(y, y1 + j);
                        w2.fma(v, FloatVector.fromArray(S, y, y2 + j)).intoArray(y, y2 + j);
                        w3.fma(v, FloatVector.fromArray(S, y, y3 + j)).intoArray(y, y3 + j);
                    }
                }
            }
        }
    }

    /**
     * All five taps of one input channel in one pass: per column vector, 5 input loads, and for each of the
     * 4 output rows one load, 5 FMAs and one store (instead of 5 loads and 5 stores).
     */
    private static void taps5(float[] w, int wp, float[] x, int xr, int dil, float[] y, int y0, int ys, int j0,
            int j1, int vl) {
        FloatVector w00 = FloatVector.broadcast(S, w[wp]);
        FloatVector w01 = FloatVector.broadcast(S, w[wp + 1]);
        FloatVector w02 = FloatVector.broadcast(S, w[wp + 2]);
        FloatVector w03 = FloatVector.broadcast(S, w[wp + 3]);
        FloatVector w10 = FloatVector.broadcast(S, w[wp + 4]);
        FloatVector w11 = FloatVector.broadcast(S, w[wp + 5]);
        FloatVector w12 = FloatVector.broadcast(S, w[wp + 6]);
        FloatVector w13 = FloatVector.broadcast(S, w[wp + 7]);
        FloatVector w20 = FloatVector.broadcast(S, w[wp + 8]);
        FloatVector w21 = FloatVector.broadcast(S, w[wp + 9]);
        FloatVector w22 = FloatVector.broadcast(S, w[wp + 10]);
        FloatVector w23 = FloatVector.broadcast(S, w[wp + 11]);
        FloatVector w30 = FloatVector.broadcast(S, w[wp + 12]);
        FloatVector w31 = FloatVector.broadcast(S, w[wp + 13]);
        FloatVector w32 = FloatVector.broadcast(S, w[wp + 14]);
        FloatVector w33 = FloatVector.broadcast(S, w[wp + 15]);
        FloatVector w40 = FloatVector.broadcast(S, w[wp + 16]);
        FloatVector w41 = FloatVector.broadcast(S, w[wp + 17]);
        FloatVector w42 = FloatVector.broadcast(S, w[wp + 18]);
        FloatVector w43 = FloatVector.broadcast(S, w[wp + 19]);
        int y1 = y0 + ys;
        int y2 = y1 + ys;
        int y3 = y2 + ys;
        for (int j = j0; j < j1; j += vl) {
            int xo = xr + j;
            FloatVector x0 = FloatVector.fromArray(S, x, xo);
            FloatVector x1 = FloatVector.fromArray(S, x, xo + dil);
            FloatVector x2 = FloatVector.fromArray(S, x, xo + 2 * dil);
            FloatVector x3 = FloatVector.fromArray(S, x, xo + 3 * dil);
            FloatVector x4 = FloatVector.fromArray(S, x, xo + 4 * dil);
            FloatVector a = FloatVector.fromArray(S, y, y0 + j);
            a = w00.fma(x0, a);
            a = w10.fma(x1, a);
            a = w20.fma(x2, a);
            a = w30.fma(x3, a);
            a = w40.fma(x4, a);
            a.intoArray(y, y0 + j);
            FloatVector b = FloatVector.fromArray(S, y, y1 + j);
            b = w01.fma(x0, b);
            b = w11.fma(x1, b);
            b = w21.fma(x2, b);
            b = w31.fma(x3, b);
            b = w41.fma(x4, b);
            b.intoArray(y, y1 + j);
            FloatVector c = FloatVector.fromArray(S, y, y2 + j);
            c = w02.fma(x0, c);
            c = w12.fma(x1, c);
            c = w22.fma(x2, c);
            c = w32.fma(x3, c);
            c = w42.fma(x4, c);
            c.intoArray(y, y2 + j);
            FloatVector d = FloatVector.fromArray(S, y, y3 + j);
            d = w03.fma(x0, d);
            d = w13.fma(x1, d);
            d = w23.fma(x2, d);
            d = w33.fma(x3, d);
            d = w43.fma(x4, d);
            d.intoArray(y, y3 + j);
        }
    }
}
