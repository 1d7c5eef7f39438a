package org.deepspt.jvm.impl.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.deepspt.jvm.impl.Conv1dKernel;
import org.deepspt.jvm.impl.PackedWeights;

/**
 * Conv1d on the Vector API, register-blocked: 4 (or 8) output channels × 2 vectors of time steps accumulate
 * in 8 (or 16) vector registers over all input channels and taps, then are stored once. Per (input channel, tap): 2
 * vector loads, 4 weight broadcasts, 8 FMAs. Fast where C2 keeps loop-carried vectors in registers (JDK
 * 21+); JDK 17 boxes them, so {@link org.deepspt.jvm.impl.Kernels} picks
 * {@link AccumulatingVectorConv1dKernel} there.
 */
public final class BlockedVectorConv1dKernel implements Conv1dKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int BLOCK = 4;
    private final int wide;

    /**
     * For reflective loading: 8 output channels per block where vectors are 512 bits wide (AVX-512 has 32
     * vector registers, enough for 16 accumulators), 4 otherwise.
     */
    public BlockedVectorConv1dKernel() {
        this(S.vectorBitSize() >= 512 ? 8 : 4);
    }

    /** @param block output channels per register block, 4 or 8 */
    public BlockedVectorConv1dKernel(int block) {
        if (block != 4 && block != 8) {
            throw new IllegalArgumentException("block must be 4 or 8, got " + block);
        }
        this.wide = block;
    }

    @Override
    public String name() {
        return "vector-blocked-" + S.vectorBitSize() + "x" + wide;
    }

    @Override
    public PackedWeights pack(float[] w, int cout, int cin, int kernel) {
        return PackedWeights.pack(w, cout, cin, kernel, wide);
    }

    @Override
    public void compute(PackedWeights pw, float[] x, int xs, int dil, float[] y, int ys, int j0, int j1) {
        if (pw.block() == 8) {
            compute8(pw, x, xs, dil, y, ys, j0, j1);
            return;
        }
        float[] w = pw.data();
        int cin = pw.cin();
        int kn = pw.kernel();
        int vl = S.length();
        int taps = cin * kn;
        for (int cb = 0; cb < pw.coutPadded() / BLOCK; cb++) {
            int y0 = (cb * BLOCK) * ys;
            int wb = cb * taps * BLOCK;
            for (int j = j0; j < j1; j += 2 * vl) {
                FloatVector a00 = FloatVector.zero(S);
                FloatVector a01 = FloatVector.zero(S);
                FloatVector a10 = FloatVector.zero(S);
                FloatVector a11 = FloatVector.zero(S);
                FloatVector a20 = FloatVector.zero(S);
                FloatVector a21 = FloatVector.zero(S);
                FloatVector a30 = FloatVector.zero(S);
                FloatVector a31 = FloatVector.zero(S);
                int wp = wb;
                for (int ci = 0; ci < cin; ci++) {
                    int xo = ci * xs + j;
                    for (int k = 0; k < kn; k++, wp += BLOCK, xo += dil) {
                        FloatVector v0 = FloatVector.fromArray(S, x, xo);
                        FloatVector v1 = FloatVector.fromArray(S, x, xo + vl);
                        FloatVector w0 = FloatVector.broadcast(S, w[wp]);
                        a00 = w0.fma(v0, a00);
                        a01 = w0.fma(v1, a01);
                        FloatVector w1 = FloatVector.broadcast(S, w[wp + 1]);
                        a10 = w1.fma(v0, a10);
                        a11 = w1.fma(v1, a11);
                        FloatVector w2 = FloatVector.broadcast(S, w[wp + 2]);
                        a20 = w2.fma(v0, a20);
                        a21 = w2.fma(v1, a21);
                        FloatVector w3 = FloatVector.broadcast(S, w[wp + 3]);
                        a30 = w3.fma(v0, a30);
                        a31 = w3.fma(v1, a31);
                    }
                }
                a00.intoArray(y, y0 + j);
                a01.intoArray(y, y0 + j + vl);
                a10.intoArray(y, y0 + ys + j);
                a11.intoArray(y, y0 + ys + j + vl);
                a20.intoArray(y, y0 + 2 * ys + j);
                a21.intoArray(y, y0 + 2 * ys + j + vl);
                a30.intoArray(y, y0 + 3 * ys + j);
                a31.intoArray(y, y0 + 3 * ys + j + vl);
            }
        }
    }

    /** 8 output channels × 2 vectors: 16 accumulators, per (channel, tap) 2 loads, 8 broadcasts, 16 FMAs. */
    private static void compute8(PackedWeights pw, float[] x, int xs, int dil, float[] y, int ys, int j0, int j1) {
        float[] w = pw.data();
        int cin = pw.cin();
        int kn = pw.kernel();
        int vl = S.length();
        int taps = cin * kn;
        for (int cb = 0; cb < pw.coutPadded() / 8; cb++) {
            int y0 = (cb * 8) * ys;
            int wb = cb * taps * 8;
            for (int j = j0; j < j1; j += 2 * vl) {
                FloatVector a00 = FloatVector.zero(S);
                FloatVector a01 = FloatVector.zero(S);
                FloatVector a10 = FloatVector.zero(S);
                FloatVector a11 = FloatVector.zero(S);
                FloatVector a20 = FloatVector.zero(S);
                FloatVector a21 = FloatVector.zero(S);
                FloatVector a30 = FloatVector.zero(S);
                FloatVector a31 = FloatVector.zero(S);
                FloatVector a40 = FloatVector.zero(S);
                FloatVector a41 = FloatVector.zero(S);
                FloatVector a50 = FloatVector.zero(S);
                FloatVector a51 = FloatVector.zero(S);
                FloatVector a60 = FloatVector.zero(S);
                FloatVector a61 = FloatVector.zero(S);
                FloatVector a70 = FloatVector.zero(S);
                FloatVector a71 = FloatVector.zero(S);
                int wp = wb;
                for (int ci = 0; ci < cin; ci++) {
                    int xo = ci * xs + j;
                    for (int k = 0; k < kn; k++, wp += 8, xo += dil) {
                        FloatVector v0 = FloatVector.fromArray(S, x, xo);
                        FloatVector v1 = FloatVector.fromArray(S, x, xo + vl);
                        FloatVector w0 = FloatVector.broadcast(S, w[wp + 0]);
                        a00 = w0.fma(v0, a00);
                        a01 = w0.fma(v1, a01);
                        FloatVector w1 = FloatVector.broadcast(S, w[wp + 1]);
                        a10 = w1.fma(v0, a10);
                        a11 = w1.fma(v1, a11);
                        FloatVector w2 = FloatVector.broadcast(S, w[wp + 2]);
                        a20 = w2.fma(v0, a20);
                        a21 = w2.fma(v1, a21);
                        FloatVector w3 = FloatVector.broadcast(S, w[wp + 3]);
                        a30 = w3.fma(v0, a30);
                        a31 = w3.fma(v1, a31);
                        FloatVector w4 = FloatVector.broadcast(S, w[wp + 4]);
                        a40 = w4.fma(v0, a40);
                        a41 = w4.fma(v1, a41);
                        FloatVector w5 = FloatVector.broadcast(S, w[wp + 5]);
                        a50 = w5.fma(v0, a50);
                        a51 = w5.fma(v1, a51);
                        FloatVector w6 = FloatVector.broadcast(S, w[wp + 6]);
                        a60 = w6.fma(v0, a60);
                        a61 = w6.fma(v1, a61);
                        FloatVector w7 = FloatVector.broadcast(S, w[wp + 7]);
                        a70 = w7.fma(v0, a70);
                        a71 = w7.fma(v1, a71);
                    }
                }
                a00.intoArray(y, y0 + 0 * ys + j);
                a01.intoArray(y, y0 + 0 * ys + j + vl);
                a10.intoArray(y, y0 + 1 * ys + j);
                a11.intoArray(y, y0 + 1 * ys + j + vl);
                a20.intoArray(y, y0 + 2 * ys + j);
                a21.intoArray(y, y0 + 2 * ys + j + vl);
                a30.intoArray(y, y0 + 3 * ys + j);
                a31.intoArray(y, y0 + 3 * ys + j + vl);
                a40.intoArray(y, y0 + 4 * ys + j);
                a41.intoArray(y, y0 + 4 * ys + j + vl);
                a50.intoArray(y, y0 + 5 * ys + j);
                a51.intoArray(y, y0 + 5 * ys + j + vl);
                a60.intoArray(y, y0 + 6 * ys + j);
                a61.intoArray(y, y0 + 6 * ys + j + vl);
                a70.intoArray(y, y0 + 7 * ys + j);
                a71.intoArray(y, y0 + 7 * ys + j + vl);
            }
        }
    }
}
