package org.deepspt.jvm.impl.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.deepspt.jvm.impl.Conv1dKernel;
import org.deepspt.jvm.impl.PackedWeights;

/**
 * Conv1d on the Vector API, accumulating in memory: for each block of 4 output channels, input channel and
 * tap, one vector pass over the columns, {@code y_c[j..] = fma(w_c, x[j + k·d ..], y_c[j..])}. No vector
 * value lives across a loop iteration, which is what JDK 17's C2 needs to keep vectors in registers; the
 * register-blocked {@link BlockedVectorConv1dKernel} is faster on newer JDKs but collapses on 17.
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
        FloatVector zero = FloatVector.zero(S);
        for (int cb = 0; cb < pw.coutPadded() / BLOCK; cb++) {
            int y0 = (cb * BLOCK) * ys;
            int y1 = y0 + ys;
            int y2 = y1 + ys;
            int y3 = y2 + ys;
            for (int j = j0; j < j1; j += vl) {
                zero.intoArray(y, y0 + j);
                zero.intoArray(y, y1 + j);
                zero.intoArray(y, y2 + j);
                zero.intoArray(y, y3 + j);
            }
            int wp = cb * cin * kn * BLOCK;
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
}
