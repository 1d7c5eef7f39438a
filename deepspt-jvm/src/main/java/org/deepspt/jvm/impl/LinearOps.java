package org.deepspt.jvm.impl;

/**
 * Dense layers of the streaming models: {@code Gemm} and {@code MatMul} with a constant weight matrix (what
 * PyTorch exports for {@code nn.Linear} with and without bias). The weight is re-laid out at load time as
 * W[K][N] row-major, so that out[m][n] = Σ<sub>k</sub> a[m][k]·W[k][n] runs over contiguous rows of W in the
 * inner loop.
 */
final class LinearOps {
    private LinearOps() {
    }

    /** out[m, n] += Σ_k a[aOff + m·K + k] · w[k·N + n], for m in 0..rows−1. */
    static void multiplyAdd(float[] a, int aOff, int rows, int k, float[] w, int n, float[] out, int outOff) {
        for (int m = 0; m < rows; m++) {
            int ao = aOff + m * k;
            int oo = outOff + m * n;
            for (int kk = 0; kk < k; kk++) {
                float av = a[ao + kk];
                if (av == 0f) {
                    continue;
                }
                int wo = kk * n;
                for (int j = 0; j < n; j++) {
                    out[oo + j] += av * w[wo + j];
                }
            }
        }
    }

    /**
     * {@code Gemm}: Y = alpha · A · op(B) + beta · C with A float32 [M, K] (transA 0 only), B constant
     * ([K, N], or [N, K] with transB 1) and C constant, broadcast to [M, N] (a scalar, [N], [1, N] or [M, N]).
     */
    static final class Gemm implements Op {
        private final float[] w;
        private final int k;
        private final int n;
        private final float[] bias;
        private final int biasRows;

        private Gemm(float[] w, int k, int n, float[] bias, int biasRows) {
            this.w = w;
            this.k = k;
            this.n = n;
            this.bias = bias;
            this.biasRows = biasRows;
        }

        static Gemm of(NodeSpec node) {
            node.checkArity(2, 3, 1, 1);
            node.allowAttributes("alpha", "beta", "transA", "transB");
            if (node.getInt("transA", 0) != 0) {
                throw node.refuse("transA = 1 is not supported");
            }
            Tensor b = node.requireConstant(1, "weight B");
            if (b.type() != Tensor.Type.FLOAT || b.rank() != 2) {
                throw node.refuse("B must be a float32 matrix, is " + b);
            }
            boolean transB = node.getInt("transB", 0) != 0;
            int k = transB ? b.dim(1) : b.dim(0);
            int n = transB ? b.dim(0) : b.dim(1);
            float alpha = node.getFloat("alpha", 1f);
            float beta = node.getFloat("beta", 1f);
            float[] src = b.floats();
            float[] w = new float[k * n];
            for (int kk = 0; kk < k; kk++) {
                for (int j = 0; j < n; j++) {
                    w[kk * n + j] = alpha * (transB ? src[j * k + kk] : src[kk * n + j]);
                }
            }
            float[] bias = null;
            int biasRows = 0;
            if (node.hasInput(2)) {
                Tensor c = node.requireConstant(2, "bias C");
                if (c.type() != Tensor.Type.FLOAT) {
                    throw node.refuse("C must be float32, is " + c);
                }
                int[] s = c.shape();
                float[] cv = c.floats();
                if (c.size() == 1) {
                    bias = new float[n];
                    java.util.Arrays.fill(bias, beta * cv[0]);
                    biasRows = 1;
                } else if (s[s.length - 1] == n && c.size() == n) {
                    bias = new float[n];
                    for (int j = 0; j < n; j++) {
                        bias[j] = beta * cv[j];
                    }
                    biasRows = 1;
                } else if (s.length == 2 && s[1] == n) {
                    bias = new float[cv.length];
                    for (int i = 0; i < cv.length; i++) {
                        bias[i] = beta * cv[i];
                    }
                    biasRows = s[0];
                } else {
                    throw node.refuse("C of shape " + java.util.Arrays.toString(s) + " does not broadcast to [M, "
                            + n + "]");
                }
            }
            return new Gemm(w, k, n, bias, biasRows);
        }

        @Override
        public void run(Tensor[] in, Tensor[] out, Arena arena) {
            Tensor a = in[0];
            if (a.type() != Tensor.Type.FLOAT || a.rank() != 2 || a.dim(1) != k) {
                throw new IllegalArgumentException("A must be float32 [M, " + k + "], is " + a);
            }
            int m = a.dim(0);
            if (bias != null && biasRows > 1 && biasRows != m) {
                throw new IllegalArgumentException("C has " + biasRows + " rows, A has " + m);
            }
            Tensor o = Tensor.floats(arena, new int[] {m, n});
            float[] y = o.floats();
            if (bias == null) {
                java.util.Arrays.fill(y, 0, m * n, 0f);
            } else if (biasRows == 1) {
                for (int i = 0; i < m; i++) {
                    System.arraycopy(bias, 0, y, i * n, n);
                }
            } else {
                System.arraycopy(bias, 0, y, 0, m * n);
            }
            multiplyAdd(a.floats(), 0, m, k, w, n, y, 0);
            out[0] = o;
        }
    }

    /** {@code MatMul} of A float32 [..., M, K] by a constant float32 matrix B [K, N]. */
    static final class MatMul implements Op {
        private final float[] w;
        private final int k;
        private final int n;

        private MatMul(float[] w, int k, int n) {
            this.w = w;
            this.k = k;
            this.n = n;
        }

        static MatMul of(NodeSpec node) {
            node.checkArity(2, 2, 1, 1);
            node.allowAttributes();
            Tensor b = node.requireConstant(1, "matrix B");
            if (b.type() != Tensor.Type.FLOAT || b.rank() != 2) {
                throw node.refuse("B must be a constant float32 matrix (only a dense layer's weight is supported), "
                        + "is " + b);
            }
            return new MatMul(b.floats().clone(), b.dim(0), b.dim(1));
        }

        @Override
        public void run(Tensor[] in, Tensor[] out, Arena arena) {
            Tensor a = in[0];
            if (a.type() != Tensor.Type.FLOAT || a.rank() < 2 || a.dim(a.rank() - 1) != k) {
                throw new IllegalArgumentException("A must be float32 [..., M, " + k + "], is " + a);
            }
            int[] shape = a.shape().clone();
            shape[shape.length - 1] = n;
            int rows = a.size() / k;
            Tensor o = Tensor.floats(arena, shape);
            float[] y = o.floats();
            java.util.Arrays.fill(y, 0, rows * n, 0f);
            multiplyAdd(a.floats(), 0, rows, k, w, n, y, 0);
            out[0] = o;
        }
    }
}
