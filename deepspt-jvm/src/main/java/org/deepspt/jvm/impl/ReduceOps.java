package org.deepspt.jvm.impl;

import java.util.Arrays;

/** Reductions and orderings: ReduceSum (opset 13), ReduceMean (opsets 13 and 18), TopK (opset 11), Softmax (opset 13). */
public final class ReduceOps {
    private ReduceOps() {
    }

    /**
     * ReduceSum (opset 13): axes as optional input 1; {@code keepdims}, {@code noop_with_empty_axes}. Also
     * ReduceMean (float32 only; axes as attribute before opset 18, as input from 18), the sum divided by the
     * number of reduced elements — GroupNorm layers export to it.
     */
    public static final class ReduceSum implements Op {
        private final boolean keepDims;
        private final boolean noopWithEmptyAxes;
        private final boolean mean;
        private final long[] attributeAxes;

        private ReduceSum(boolean keepDims, boolean noop) {
            this(keepDims, noop, false, null);
        }

        private ReduceSum(boolean keepDims, boolean noop, boolean mean, long[] attributeAxes) {
            this.keepDims = keepDims;
            this.noopWithEmptyAxes = noop;
            this.mean = mean;
            this.attributeAxes = attributeAxes;
        }

        /** @return ReduceMean, node checked */
        public static ReduceSum mean(NodeSpec n) {
            if (n.opset() < 13) {
                throw n.refuse("ReduceMean before opset 13 is not supported");
            }
            if (n.opset() < 18) {
                n.checkArity(1, 1, 1, 1);
                n.allowAttributes("keepdims", "axes");
                return new ReduceSum(n.getInt("keepdims", 1) != 0, false, true, n.getInts("axes", new long[0]));
            }
            n.checkArity(1, 2, 1, 1);
            n.allowAttributes("keepdims", "noop_with_empty_axes");
            return new ReduceSum(n.getInt("keepdims", 1) != 0, n.getInt("noop_with_empty_axes", 0) != 0, true,
                    null);
        }

        /** @return the operator, node checked */
        public static ReduceSum of(NodeSpec n) {
            n.checkArity(1, 2, 1, 1);
            if (n.opset() < 13) {
                throw n.refuse("ReduceSum before opset 13 is not supported");
            }
            n.allowAttributes("keepdims", "noop_with_empty_axes");
            return new ReduceSum(n.getInt("keepdims", 1) != 0, n.getInt("noop_with_empty_axes", 0) != 0);
        }

        @Override
        public void run(Tensor[] in, Tensor[] out, Arena arena) {
            Tensor a = in[0];
            int r = a.rank();
            long[] axes = attributeAxes != null ? attributeAxes
                    : in.length > 1 && in[1] != null ? in[1].toLongArray() : new long[0];
            if (mean && a.type() != Tensor.Type.FLOAT) {
                throw new IllegalArgumentException("ReduceMean on " + a.type() + " (float32 only)");
            }
            boolean[] reduce = new boolean[r];
            if (axes.length == 0) {
                if (noopWithEmptyAxes) {
                    Tensor o = Shapes.newLike(a, a.shape().clone(), arena);
                    Shapes.copy(a, 0, o, 0, a.size());
                    out[0] = o;
                    return;
                }
                Arrays.fill(reduce, true);
            }
            for (long ax : axes) {
                reduce[Shapes.axis(ax, r)] = true;
            }
            int[] kept = new int[r];
            int outRank = 0;
            for (int d = 0; d < r; d++) {
                kept[d] = reduce[d] ? 1 : a.dim(d);
                if (!reduce[d] || keepDims) {
                    outRank++;
                }
            }
            int[] shape = new int[outRank];
            for (int d = 0, j = 0; d < r; d++) {
                if (!reduce[d] || keepDims) {
                    shape[j++] = kept[d];
                }
            }
            // Strides into the output (kept-dims layout) for each input axis; 0 along reduced axes.
            int[] ks = Tensor.strides(kept);
            for (int d = 0; d < r; d++) {
                if (reduce[d]) {
                    ks[d] = 0;
                }
            }
            Tensor o = Shapes.newLike(a, shape, arena);
            int n = a.size();
            int[] idx = new int[r];
            int p = 0;
            if (a.type() == Tensor.Type.FLOAT) {
                float[] x = a.floats();
                float[] z = o.floats();
                Arrays.fill(z, 0, o.size(), 0f);
                for (int i = 0; i < n; i++) {
                    z[p] += x[i];
                    for (int d = r - 1; d >= 0; d--) {
                        idx[d]++;
                        p += ks[d];
                        if (idx[d] < a.dim(d)) {
                            break;
                        }
                        p -= ks[d] * a.dim(d);
                        idx[d] = 0;
                    }
                }
                if (mean && o.size() > 0) {
                    float count = (float) n / o.size();
                    for (int i = 0; i < o.size(); i++) {
                        z[i] /= count;
                    }
                }
            } else if (a.type() == Tensor.Type.INT64) {
                long[] x = a.longs();
                long[] z = o.longs();
                Arrays.fill(z, 0, o.size(), 0L);
                for (int i = 0; i < n; i++) {
                    z[p] += x[i];
                    for (int d = r - 1; d >= 0; d--) {
                        idx[d]++;
                        p += ks[d];
                        if (idx[d] < a.dim(d)) {
                            break;
                        }
                        p -= ks[d] * a.dim(d);
                        idx[d] = 0;
                    }
                }
            } else {
                throw new IllegalArgumentException("ReduceSum on bool");
            }
            out[0] = o;
        }
    }

    /**
     * TopK (opset 11): the k largest ({@code largest=1}) or smallest values along {@code axis}, sorted, and
     * their int64 indices; ties keep the lower index first. Float32 input.
     */
    public static final class TopK implements Op {
        private final long axis;
        private final boolean largest;

        private TopK(long axis, boolean largest) {
            this.axis = axis;
            this.largest = largest;
        }

        /** @return the operator, node checked */
        public static TopK of(NodeSpec n) {
            n.checkArity(2, 2, 1, 2);
            n.allowAttributes("axis", "largest", "sorted");
            if (n.getInt("sorted", 1) != 1) {
                throw n.refuse("sorted=0 is not supported");
            }
            return new TopK(n.getInt("axis", -1), n.getInt("largest", 1) != 0);
        }

        @Override
        public void run(Tensor[] in, Tensor[] out, Arena arena) {
            Tensor a = in[0];
            int r = a.rank();
            int ax = Shapes.axis(axis, r);
            long kk = in[1].getLong(0);
            int dim = a.dim(ax);
            if (in[1].size() != 1 || kk < 0 || kk > dim) {
                throw new IllegalArgumentException("k=" + kk + " out of range for dimension " + dim);
            }
            int k = (int) kk;
            int[] shape = a.shape().clone();
            shape[ax] = k;
            Tensor values = Tensor.floats(arena, shape);
            Tensor indices = Tensor.longs(arena, shape.clone());
            int outer = Shapes.product(a.shape(), 0, ax);
            int inner = Shapes.product(a.shape(), ax + 1, r);
            float[] x = a.floats();
            float[] v = values.floats();
            long[] ix = indices.longs();
            long[] keys = arena.takeLongs(dim);
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < inner; i++) {
                    int base = o * dim * inner + i;
                    for (int j = 0; j < dim; j++) {
                        int bits = Float.floatToIntBits(x[base + j * inner]);
                        // Map float order onto signed-int order, then flip for descending order.
                        int key = bits < 0 ? bits ^ 0x7fffffff : bits;
                        if (largest) {
                            key = ~key;
                        }
                        keys[j] = ((long) key << 32) | j;
                    }
                    Arrays.sort(keys, 0, dim);
                    int ob = o * k * inner + i;
                    for (int j = 0; j < k; j++) {
                        int src = (int) keys[j];
                        v[ob + j * inner] = x[base + src * inner];
                        ix[ob + j * inner] = src;
                    }
                }
            }
            arena.give(keys);
            out[0] = values;
            if (out.length > 1) {
                out[1] = indices;
            }
        }
    }

    /** Softmax (opset 13) along {@code axis} (default −1): {@code exp(x − max) / Σ exp(x − max)}. */
    public static final class Softmax implements Op {
        private final long axis;

        private Softmax(long axis) {
            this.axis = axis;
        }

        /** @return the operator, node checked */
        public static Softmax of(NodeSpec n) {
            n.checkArity(1, 1, 1, 1);
            if (n.opset() < 13) {
                throw n.refuse("Softmax before opset 13 (2-D coercion) is not supported");
            }
            n.allowAttributes("axis");
            return new Softmax(n.getInt("axis", -1));
        }

        @Override
        public void run(Tensor[] in, Tensor[] out, Arena arena) {
            Tensor a = in[0];
            int r = a.rank();
            int ax = Shapes.axis(axis, r);
            int dim = a.dim(ax);
            int outer = Shapes.product(a.shape(), 0, ax);
            int inner = Shapes.product(a.shape(), ax + 1, r);
            Tensor o = Tensor.floats(arena, a.shape().clone());
            float[] x = a.floats();
            float[] z = o.floats();
            for (int p = 0; p < outer; p++) {
                for (int i = 0; i < inner; i++) {
                    int base = p * dim * inner + i;
                    float max = Float.NEGATIVE_INFINITY;
                    for (int j = 0; j < dim; j++) {
                        max = Math.max(max, x[base + j * inner]);
                    }
                    float sum = 0f;
                    for (int j = 0; j < dim; j++) {
                        float e = (float) Math.exp(x[base + j * inner] - max);
                        z[base + j * inner] = e;
                        sum += e;
                    }
                    float inv = 1f / sum;
                    for (int j = 0; j < dim; j++) {
                        z[base + j * inner] *= inv;
                    }
                }
            }
            out[0] = o;
        }
    }
}
