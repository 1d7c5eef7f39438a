package org.deepspt.jvm.impl;

import java.util.Arrays;

/**
 * Operators that move or create data without arithmetic: Constant, ConstantOfShape, Shape, Reshape,
 * Unsqueeze, Transpose, Concat, Slice, Gather, Expand (ONNX opsets 13–21). Any element type.
 */
public final class ShapeOps {
    private ShapeOps() {
    }

    /** Constant: its value is computed at load time; the op returns it. */
    public static final class Constant implements Op {
        private final Tensor value;

        private Constant(Tensor value) {
            this.value = value;
        }

        /** @return the operator with its decoded value */
        public static Constant of(NodeSpec n) {
            n.checkArity(0, 0, 1, 1);
            n.allowAttributes("value", "value_float", "value_floats", "value_int", "value_ints");
            Tensor v = n.getTensor("value");
            if (v == null && n.has("value_float")) {
                v = Tensor.of(new int[0], new float[] {n.getFloat("value_float", 0)});
            } else if (v == null && n.has("value_floats")) {
                float[] f = n.getFloats("value_floats");
                v = Tensor.of(new int[] {f.length}, f);
            } else if (v == null && n.has("value_int")) {
                v = Tensor.of(new int[0], new long[] {n.getInt("value_int", 0)});
            } else if (v == null && n.has("value_ints")) {
                long[] l = n.getInts("value_ints", null);
                v = Tensor.of(new int[] {l.length}, l);
            }
            if (v == null) {
                throw n.refuse("no value attribute");
            }
            return new Constant(v);
        }

        /** @return the constant value */
        public Tensor value() {
            return value;
        }

        @Override
        public void run(Tensor[] in, Tensor[] out, Arena arena) {
            out[0] = value;
        }
    }

    /** ConstantOfShape: a tensor of the given shape filled with the one-element {@code value} (default 0f). */
    public static final class ConstantOfShape implements Op {
        private final Tensor value;

        private ConstantOfShape(Tensor value) {
            this.value = value;
        }

        /** @return the operator, node checked */
        public static ConstantOfShape of(NodeSpec n) {
            n.checkArity(1, 1, 1, 1);
            n.allowAttributes("value");
            Tensor v = n.getTensor("value");
            if (v == null) {
                v = Tensor.of(new int[] {1}, new float[] {0f});
            }
            if (v.size() != 1) {
                throw n.refuse("value must hold one element");
            }
            return new ConstantOfShape(v);
        }

        @Override
        public void run(Tensor[] in, Tensor[] out, Arena arena) {
            int[] shape = Shapes.toInts(in[0]);
            Tensor o = Tensor.allocate(value.type(), shape, arena);
            switch (value.type()) {
                case FLOAT:
                    Arrays.fill(o.floats(), 0, o.size(), value.floats()[0]);
                    break;
                case INT64:
                    Arrays.fill(o.longs(), 0, o.size(), value.longs()[0]);
                    break;
                default:
                    Arrays.fill(o.bools(), 0, o.size(), value.bools()[0]);
            }
            out[0] = o;
        }
    }

    /** Shape (opset 15): the input's shape as int64, optionally sliced by {@code start}/{@code end}. */
    public static final class Shape implements Op {
        private final long start;
        private final Long end;

        private Shape(long start, Long end) {
            this.start = start;
            this.end = end;
        }

        /** @return the operator, node checked */
        public static Shape of(NodeSpec n) {
            n.checkArity(1, 1, 1, 1);
            n.allowAttributes("start", "end");
            return new Shape(n.getInt("start", 0), n.has("end") ? n.getInt("end", 0) : null);
        }

        @Override
        public void run(Tensor[] in, Tensor[] out, Arena arena) {
            int[] s = in[0].shape();
            int r = s.length;
            long a = start < 0 ? start + r : start;
            long b = end == null ? r : (end < 0 ? end + r : end);
            a = Math.max(0, Math.min(r, a));
            b = Math.max(0, Math.min(r, b));
            int len = (int) Math.max(0, b - a);
            long[] v = new long[len];
            for (int i = 0; i < len; i++) {
                v[i] = s[(int) a + i];
            }
            out[0] = Tensor.of(new int[] {len}, v);
        }
    }

    /** Reshape (opset 14): 0 copies the input dimension (unless {@code allowzero}), −1 is inferred. */
    public static final class Reshape implements Op {
        private final boolean allowZero;

        private Reshape(boolean allowZero) {
            this.allowZero = allowZero;
        }

        /** @return the operator, node checked */
        public static Reshape of(NodeSpec n) {
            n.checkArity(2, 2, 1, 1);
            n.allowAttributes("allowzero");
            return new Reshape(n.getInt("allowzero", 0) != 0);
        }

        @Override
        public void run(Tensor[] in, Tensor[] out, Arena arena) {
            Tensor a = in[0];
            out[0] = copyAs(a, target(a.shape(), in[1].toLongArray(), allowZero), arena);
        }

        /**
         * The output shape of a Reshape: each entry of {@code spec} is a dimension, −1 (at most one: inferred
         * so that the element count is kept) or 0 (with {@code allowZero} false: input dimension i, copied;
         * with it true: a dimension of size 0).
         *
         * @param from input shape
         * @param spec requested shape
         * @param allowZero the {@code allowzero} attribute
         * @return the output shape
         * @throws IllegalArgumentException when spec is invalid for {@code from}
         */
        static int[] target(int[] from, long[] spec, boolean allowZero) {
            int size = Tensor.sizeOf(from);
            int[] shape = new int[spec.length];
            int infer = -1;
            long known = 1;
            for (int i = 0; i < spec.length; i++) {
                long d = spec[i];
                if (d == -1) {
                    if (infer >= 0) {
                        throw new IllegalArgumentException("more than one -1 in shape " + Arrays.toString(spec));
                    }
                    infer = i;
                    continue;
                }
                if (d == 0 && !allowZero) {
                    if (i >= from.length) {
                        throw new IllegalArgumentException("0 at axis " + i + " beyond input rank");
                    }
                    d = from[i];
                }
                if (d < 0 || d > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("invalid dimension " + d);
                }
                shape[i] = (int) d;
                known *= d;
            }
            if (infer >= 0) {
                if (known == 0 || size % known != 0) {
                    throw new IllegalArgumentException("cannot infer -1 in " + Arrays.toString(spec) + " for "
                            + size + " elements");
                }
                shape[infer] = (int) (size / known);
            }
            if (Tensor.sizeOf(shape) != size) {
                throw new IllegalArgumentException("cannot reshape " + Arrays.toString(from) + " to "
                        + Arrays.toString(shape));
            }
            return shape;
        }
    }

    /** Unsqueeze (opset 13): inserts size-1 axes listed in input 1 (negative relative to the output rank). */
    public static final class Unsqueeze implements Op {
        /** @return the operator, node checked */
        public static Unsqueeze of(NodeSpec n) {
            n.checkArity(2, 2, 1, 1);
            n.allowAttributes();
            return new Unsqueeze();
        }

        @Override
        public void run(Tensor[] in, Tensor[] out, Arena arena) {
            Tensor a = in[0];
            long[] axes = in[1].toLongArray();
            int r = a.rank() + axes.length;
            boolean[] inserted = new boolean[r];
            for (long ax : axes) {
                int x = Shapes.axis(ax, r);
                if (inserted[x]) {
                    throw new IllegalArgumentException("repeated axis " + ax);
                }
                inserted[x] = true;
            }
            int[] shape = new int[r];
            for (int i = 0, j = 0; i < r; i++) {
                shape[i] = inserted[i] ? 1 : a.dim(j++);
            }
            out[0] = copyAs(a, shape, arena);
        }
    }

    /** Transpose: output axis i is input axis {@code perm[i]} (default: reversed). */
    public static final class Transpose implements Op {
        private final int[] perm;

        private Transpose(int[] perm) {
            this.perm = perm;
        }

        /** @return the operator, node checked */
        public static Transpose of(NodeSpec n) {
            n.checkArity(1, 1, 1, 1);
            n.allowAttributes("perm");
            long[] p = n.getInts("perm", null);
            int[] perm = null;
            if (p != null) {
                perm = new int[p.length];
                boolean[] seen = new boolean[p.length];
                for (int i = 0; i < p.length; i++) {
                    if (p[i] < 0 || p[i] >= p.length || seen[(int) p[i]]) {
                        throw n.refuse("perm " + Arrays.toString(p) + " is not a permutation");
                    }
                    seen[(int) p[i]] = true;
                    perm[i] = (int) p[i];
                }
            }
            return new Transpose(perm);
        }

        @Override
        public void run(Tensor[] in, Tensor[] out, Arena arena) {
            Tensor a = in[0];
            int r = a.rank();
            int[] p = perm;
            if (p == null) {
                p = new int[r];
                for (int i = 0; i < r; i++) {
                    p[i] = r - 1 - i;
                }
            }
            if (p.length != r) {
                throw new IllegalArgumentException("perm of length " + p.length + " for rank " + r);
            }
            int[] s = Tensor.strides(a.shape());
            int[] shape = new int[r];
            int[] strides = new int[r];
            for (int i = 0; i < r; i++) {
                shape[i] = a.dim(p[i]);
                strides[i] = s[p[i]];
            }
            Tensor o = Shapes.newLike(a, shape, arena);
            Shapes.stridedCopy(a, 0, strides, o);
            out[0] = o;
        }
    }

    /** Concat along {@code axis}; inputs of one type and rank, other dimensions equal; empty inputs allowed. */
    public static final class Concat implements Op {
        private final long axis;

        private Concat(long axis) {
            this.axis = axis;
        }

        /** @return the operator, node checked */
        public static Concat of(NodeSpec n) {
            n.checkArity(1, Integer.MAX_VALUE, 1, 1);
            n.allowAttributes("axis");
            if (!n.has("axis")) {
                throw n.refuse("attribute axis is required");
            }
            return new Concat(n.getInt("axis", 0));
        }

        @Override
        public void run(Tensor[] in, Tensor[] out, Arena arena) {
            Tensor first = in[0];
            int r = first.rank();
            int ax = Shapes.axis(axis, r);
            int[] shape = first.shape().clone();
            int total = 0;
            for (Tensor t : in) {
                if (t.rank() != r || t.type() != first.type()) {
                    throw new IllegalArgumentException("Concat inputs differ in rank or type");
                }
                for (int d = 0; d < r; d++) {
                    if (d != ax && t.dim(d) != shape[d]) {
                        throw new IllegalArgumentException("Concat inputs differ at axis " + d + ": "
                                + Arrays.toString(t.shape()) + " vs " + Arrays.toString(shape));
                    }
                }
                total += t.dim(ax);
            }
            shape[ax] = total;
            Tensor o = Shapes.newLike(first, shape, arena);
            int outer = Shapes.product(shape, 0, ax);
            int innerOut = Shapes.product(shape, ax, r);
            int off = 0;
            for (Tensor t : in) {
                int block = Shapes.product(t.shape(), ax, r);
                for (int i = 0; i < outer; i++) {
                    Shapes.copy(t, i * block, o, i * innerOut + off, block);
                }
                off += block;
            }
            out[0] = o;
        }
    }

    /** Slice (opset 13): starts, ends, optional axes and steps as inputs; clamping as the spec says. */
    public static final class Slice implements Op {
        /** @return the operator, node checked */
        public static Slice of(NodeSpec n) {
            n.checkArity(3, 5, 1, 1);
            n.allowAttributes();
            return new Slice();
        }

        @Override
        public void run(Tensor[] in, Tensor[] out, Arena arena) {
            Tensor a = in[0];
            long[] starts = in[1].toLongArray();
            long[] ends = in[2].toLongArray();
            int k = starts.length;
            if (ends.length != k) {
                throw new IllegalArgumentException("starts and ends differ in length");
            }
            long[] axes = in.length > 3 && in[3] != null ? in[3].toLongArray() : null;
            long[] steps = in.length > 4 && in[4] != null ? in[4].toLongArray() : null;
            int r = a.rank();
            int[] shape = a.shape().clone();
            int[] base = Tensor.strides(a.shape());
            int[] strides = base.clone();
            int offset = 0;
            boolean[] seen = new boolean[r];
            for (int i = 0; i < k; i++) {
                int ax = Shapes.axis(axes == null ? i : axes[i], r);
                if (seen[ax]) {
                    throw new IllegalArgumentException("repeated axis " + ax);
                }
                seen[ax] = true;
                long step = steps == null ? 1 : steps[i];
                if (step == 0) {
                    throw new IllegalArgumentException("step 0");
                }
                long dim = a.dim(ax);
                long s = starts[i] < 0 ? starts[i] + dim : starts[i];
                long e = ends[i] < 0 ? ends[i] + dim : ends[i];
                long count;
                if (step > 0) {
                    s = Math.max(0, Math.min(dim, s));
                    e = Math.max(0, Math.min(dim, e));
                    count = e > s ? (e - s + step - 1) / step : 0;
                } else {
                    s = Math.max(0, Math.min(dim - 1, s));
                    e = Math.max(-1, Math.min(dim - 1, e));
                    count = s > e ? (s - e + (-step) - 1) / (-step) : 0;
                }
                shape[ax] = (int) count;
                if (count > 0) {
                    offset += (int) s * base[ax];
                }
                strides[ax] = (int) (base[ax] * step);
            }
            Tensor o = Shapes.newLike(a, shape, arena);
            if (o.size() > 0) {
                Shapes.stridedCopy(a, offset, strides, o);
            }
            out[0] = o;
        }
    }

    /** Gather (opset 13) along {@code axis} with int64 indices of any rank (negative count from the end). */
    public static final class Gather implements Op {
        private final long axis;

        private Gather(long axis) {
            this.axis = axis;
        }

        /** @return the operator, node checked */
        public static Gather of(NodeSpec n) {
            n.checkArity(2, 2, 1, 1);
            n.allowAttributes("axis");
            return new Gather(n.getInt("axis", 0));
        }

        @Override
        public void run(Tensor[] in, Tensor[] out, Arena arena) {
            Tensor a = in[0];
            Tensor idx = in[1];
            int r = a.rank();
            int ax = Shapes.axis(axis, r);
            int q = idx.rank();
            int[] shape = new int[r - 1 + q];
            for (int i = 0; i < ax; i++) {
                shape[i] = a.dim(i);
            }
            for (int i = 0; i < q; i++) {
                shape[ax + i] = idx.dim(i);
            }
            for (int i = ax + 1; i < r; i++) {
                shape[q + i - 1] = a.dim(i);
            }
            Tensor o = Shapes.newLike(a, shape, arena);
            int outer = Shapes.product(a.shape(), 0, ax);
            int inner = Shapes.product(a.shape(), ax + 1, r);
            int dim = a.dim(ax);
            int ni = idx.size();
            int p = 0;
            for (int i = 0; i < outer; i++) {
                for (int j = 0; j < ni; j++) {
                    long ix = idx.getLong(j);
                    if (ix < -dim || ix >= dim) {
                        throw new IllegalArgumentException("index " + ix + " out of range for dimension " + dim);
                    }
                    int s = (int) (ix < 0 ? ix + dim : ix);
                    Shapes.copy(a, (i * dim + s) * inner, o, p, inner);
                    p += inner;
                }
            }
            out[0] = o;
        }
    }

    /** Expand (opset 13): broadcasts the input to {@code broadcast(input.shape, shape)}. */
    public static final class Expand implements Op {
        /** @return the operator, node checked */
        public static Expand of(NodeSpec n) {
            n.checkArity(2, 2, 1, 1);
            n.allowAttributes();
            return new Expand();
        }

        @Override
        public void run(Tensor[] in, Tensor[] out, Arena arena) {
            Tensor a = in[0];
            int[] target = Shapes.toInts(in[1]);
            int[] shape = Shapes.broadcast(a.shape(), target);
            Tensor o = Shapes.newLike(a, shape, arena);
            Shapes.stridedCopy(a, 0, Shapes.broadcastStrides(a.shape(), shape), o);
            out[0] = o;
        }
    }

    private static Tensor copyAs(Tensor a, int[] shape, Arena arena) {
        Tensor o = Shapes.newLike(a, shape, arena);
        Shapes.copy(a, 0, o, 0, a.size());
        return o;
    }
}
