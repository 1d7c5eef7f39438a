package org.deepspt.jvm.impl;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Neural-network operators: Conv (1-D), MaxPool (1-D), InstanceNormalization, Resize (nearest) and Upsample
 * (nearest).
 */
public final class NnOps {
    private NnOps() {
    }

    /**
     * Conv (opsets 11–21) on {@code [batch, cin, length]} float32 input: 1-D, stride 1, any dilation and
     * explicit pads, {@code group = 1}, constant weights {@code [cout, cin, kernel]} and optional constant
     * bias; a following ReLU can be fused ({@link #withRelu()}).
     *
     * <p>{@code y[b][co][t] = bias[co] + Σ_ci Σ_k W[co][ci][k] · x[b][ci][t − padBegin + k·dilation]}
     * (zero outside {@code [0, length)}), {@code t < length + padBegin + padEnd − dilation·(kernel − 1)}.
     */
    public static final class Conv implements Op {
        private final Conv1dKernel kernel;
        private final PackedWeights weights;
        private final float[] bias;
        private final int padBegin;
        private final int padEnd;
        private final int dilation;
        private final boolean relu;
        private final int columnChunk;

        private Conv(Conv1dKernel kernel, PackedWeights weights, float[] bias, int padBegin, int padEnd, int dilation,
                boolean relu, int columnChunk) {
            this.kernel = kernel;
            this.weights = weights;
            this.bias = bias;
            this.padBegin = padBegin;
            this.padEnd = padEnd;
            this.dilation = dilation;
            this.relu = relu;
            this.columnChunk = columnChunk;
        }

        /**
         * @param n the node
         * @param kernel the Conv1d kernel whose weight layout to pack for
         * @return the operator with packed weights
         */
        public static Conv of(NodeSpec n, Conv1dKernel kernel) {
            n.checkArity(2, 3, 1, 1);
            n.allowAttributes("auto_pad", "dilations", "group", "kernel_shape", "pads", "strides");
            String autoPad = n.getString("auto_pad", "NOTSET");
            if (!autoPad.equals("NOTSET")) {
                throw n.refuse("auto_pad=" + autoPad + " is not supported (only explicit pads)");
            }
            if (n.getInt("group", 1) != 1) {
                throw n.refuse("group=" + n.getInt("group", 1) + " is not supported (only 1)");
            }
            Tensor w = n.requireConstant(1, "weight");
            if (w.rank() != 3 || w.type() != Tensor.Type.FLOAT) {
                throw n.refuse("weight of shape " + Arrays.toString(w.shape()) + " (" + w.type()
                        + "): only 1-D convolution with float32 weights [cout, cin, kernel] is supported");
            }
            int cout = w.dim(0);
            int cin = w.dim(1);
            int kw = w.dim(2);
            long[] ks = n.getInts("kernel_shape", null);
            if (ks != null && (ks.length != 1 || ks[0] != kw)) {
                throw n.refuse("kernel_shape " + Arrays.toString(ks) + " does not match weight " + Arrays.toString(w.shape()));
            }
            n.requireInts("strides", n.getInts("strides", null), new long[] {1});
            long[] dil = n.getInts("dilations", new long[] {1});
            if (dil.length != 1 || dil[0] < 1) {
                throw n.refuse("dilations " + Arrays.toString(dil) + " is not supported");
            }
            long[] pads = n.getInts("pads", new long[] {0, 0});
            if (pads.length != 2 || pads[0] < 0 || pads[1] < 0) {
                throw n.refuse("pads " + Arrays.toString(pads) + " is not supported (two non-negative values)");
            }
            float[] b = new float[cout];
            if (n.hasInput(2)) {
                Tensor bt = n.requireConstant(2, "bias");
                if (bt.type() != Tensor.Type.FLOAT || bt.size() != cout || bt.rank() != 1) {
                    throw n.refuse("bias of shape " + Arrays.toString(bt.shape()) + " for " + cout + " output channels");
                }
                System.arraycopy(bt.floats(), 0, b, 0, cout);
            }
            PackedWeights pw = kernel.pack(Arrays.copyOf(w.floats(), w.size()), cout, cin, kw);
            return new Conv(kernel, pw, b, (int) pads[0], (int) pads[1], (int) dil[0], false, 512);
        }

        /** @return this convolution followed by ReLU */
        public Conv withRelu() {
            return new Conv(kernel, weights, bias, padBegin, padEnd, dilation, true, columnChunk);
        }

        /** @return whether a ReLU is fused */
        public boolean relu() {
            return relu;
        }

        /** @return multiply-adds per output time step (cout · cin · kernel) */
        public long macsPerStep() {
            return (long) weights.cout() * weights.cin() * weights.kernel();
        }

        @Override
        public void run(Tensor[] in, Tensor[] out, Arena arena) {
            Tensor a = in[0];
            if (a.rank() != 3 || a.dim(1) != weights.cin()) {
                throw new IllegalArgumentException("input " + Arrays.toString(a.shape()) + " for weights with "
                        + weights.cin() + " input channels");
            }
            int batch = a.dim(0);
            int cin = a.dim(1);
            int len = a.dim(2);
            int span = dilation * (weights.kernel() - 1);
            int lout = Math.max(0, len + padBegin + padEnd - span);
            // Tracks side by side, each followed by a gap of zeros that serves as the end padding of one
            // track and the begin padding of the next: gap ≥ padBegin, ≥ padEnd, and ≥ lout − len so that
            // outputs of one track never reach the next.
            int gap = Math.max(Math.max(padBegin, padEnd), padBegin + padEnd - span);
            int width = len + gap;
            int cout = weights.cout();
            Tensor o = Tensor.floats(arena, new int[] {batch, cout, lout});
            out[0] = o;
            if (batch == 0 || lout == 0) {
                return;
            }
            int block = Conv1dKernel.COLUMN_BLOCK;
            int cols = (batch * width + block - 1) / block * block;
            int xs = cols + span;
            float[] xp = arena.take(cin * xs);
            float[] yp = arena.take(weights.coutPadded() * cols);
            try {
                float[] x = a.floats();
                for (int ci = 0; ci < cin; ci++) {
                    int row = ci * xs;
                    Arrays.fill(xp, row, row + padBegin, 0f);
                    for (int b = 0; b < batch; b++) {
                        int p = row + b * width + padBegin;
                        System.arraycopy(x, (b * cin + ci) * len, xp, p, len);
                        Arrays.fill(xp, p + len, Math.min(p + width, row + xs), 0f);
                    }
                    Arrays.fill(xp, Math.min(row + batch * width + padBegin, row + xs), row + xs, 0f);
                }
                for (int j0 = 0; j0 < cols; j0 += columnChunk) {
                    kernel.compute(weights, xp, xs, dilation, yp, cols, j0, Math.min(cols, j0 + columnChunk));
                }
                float[] y = o.floats();
                for (int b = 0; b < batch; b++) {
                    for (int co = 0; co < cout; co++) {
                        float bc = bias[co];
                        int src = co * cols + b * width;
                        int dst = (b * cout + co) * lout;
                        if (relu) {
                            for (int t = 0; t < lout; t++) {
                                y[dst + t] = Math.max(yp[src + t] + bc, 0f);
                            }
                        } else {
                            for (int t = 0; t < lout; t++) {
                                y[dst + t] = yp[src + t] + bc;
                            }
                        }
                    }
                }
            } finally {
                arena.give(xp);
                arena.give(yp);
            }
        }
    }

    /**
     * MaxPool (opsets 12–21) on {@code [batch, channels, length]} float32: 1-D, explicit pads (padding never
     * wins), strides, dilations, {@code ceil_mode}; one output (no indices).
     */
    public static final class MaxPool implements Op {
        private final int kernel;
        private final int stride;
        private final int dilation;
        private final int padBegin;
        private final int padEnd;
        private final boolean ceil;

        private MaxPool(int kernel, int stride, int dilation, int padBegin, int padEnd, boolean ceil) {
            this.kernel = kernel;
            this.stride = stride;
            this.dilation = dilation;
            this.padBegin = padBegin;
            this.padEnd = padEnd;
            this.ceil = ceil;
        }

        /** @return the operator, node checked */
        public static MaxPool of(NodeSpec n) {
            n.checkArity(1, 1, 1, 1);
            n.allowAttributes("auto_pad", "ceil_mode", "dilations", "kernel_shape", "pads", "storage_order", "strides");
            if (!n.getString("auto_pad", "NOTSET").equals("NOTSET")) {
                throw n.refuse("auto_pad is not supported (only explicit pads)");
            }
            if (n.getInt("storage_order", 0) != 0) {
                throw n.refuse("storage_order=1 is not supported");
            }
            long[] ks = n.getInts("kernel_shape", null);
            if (ks == null || ks.length != 1 || ks[0] < 1) {
                throw n.refuse("kernel_shape " + Arrays.toString(ks) + ": only 1-D pooling is supported");
            }
            long[] st = n.getInts("strides", new long[] {1});
            long[] dl = n.getInts("dilations", new long[] {1});
            long[] pads = n.getInts("pads", new long[] {0, 0});
            if (st.length != 1 || st[0] < 1 || dl.length != 1 || dl[0] < 1 || pads.length != 2 || pads[0] < 0
                    || pads[1] < 0) {
                throw n.refuse("strides " + Arrays.toString(st) + ", dilations " + Arrays.toString(dl) + ", pads "
                        + Arrays.toString(pads) + " are not supported for 1-D pooling");
            }
            long c = n.getInt("ceil_mode", 0);
            if (c != 0 && c != 1) {
                throw n.refuse("ceil_mode=" + c);
            }
            return new MaxPool((int) ks[0], (int) st[0], (int) dl[0], (int) pads[0], (int) pads[1], c == 1);
        }

        /**
         * @param len input length
         * @return output length: {@code ⌊(len + pads − dilation·(kernel−1) − 1) / stride⌋ + 1} (⌈⌉ with
         *     ceil_mode, dropping a last window that starts in the end padding)
         */
        int outputLength(int len) {
            long span = (long) dilation * (kernel - 1) + 1;
            long num = len + padBegin + padEnd - span;
            if (num < 0) {
                return 0;
            }
            long out = ceil ? (num + stride - 1) / stride + 1 : num / stride + 1;
            if (ceil && (out - 1) * stride >= len + padBegin) {
                out--;
            }
            return (int) out;
        }

        @Override
        public void run(Tensor[] in, Tensor[] out, Arena arena) {
            Tensor a = in[0];
            if (a.rank() != 3) {
                throw new IllegalArgumentException("MaxPool input of rank " + a.rank() + " (1-D pooling needs 3)");
            }
            int rows = a.dim(0) * a.dim(1);
            int len = a.dim(2);
            int lout = outputLength(len);
            Tensor o = Tensor.floats(arena, new int[] {a.dim(0), a.dim(1), lout});
            float[] x = a.floats();
            float[] y = o.floats();
            if (kernel == 2 && stride == 2 && dilation == 1 && padBegin == 0 && 2 * lout <= len) {
                // The U-Net's pooling: pairs, no padding.
                for (int r = 0; r < rows; r++) {
                    int xr = r * len;
                    int yr = r * lout;
                    for (int t = 0; t < lout; t++) {
                        y[yr + t] = Math.max(x[xr + 2 * t], x[xr + 2 * t + 1]);
                    }
                }
                out[0] = o;
                return;
            }
            for (int r = 0; r < rows; r++) {
                int xr = r * len;
                int yr = r * lout;
                for (int t = 0; t < lout; t++) {
                    int s = t * stride - padBegin;
                    float m = Float.NEGATIVE_INFINITY;
                    for (int k = 0; k < kernel; k++) {
                        int i = s + k * dilation;
                        if (i >= 0 && i < len) {
                            m = Math.max(m, x[xr + i]);
                        }
                    }
                    y[yr + t] = m;
                }
            }
            out[0] = o;
        }
    }

    /**
     * InstanceNormalization (opset 6 semantics, unchanged through 21) on float32 {@code [N, C, D1, …, Dk]}
     * (k ≥ 0), with scale γ and bias B of C values each and attribute {@code epsilon} (default 1e-5). For every (n, c), with mean μ and biased
     * variance σ² over the S = D1·…·Dk spatial values,
     * {@code y[n][c][s] = γ[c] · (x[n][c][s] − μ) / √(σ² + ε) + B[c]}.
     *
     * <p>μ and σ² are accumulated in double (two passes: mean, then squared deviations), as in
     * {@link FusedGroupNorm}, so the result is at least as accurate as a float32 reference. An empty spatial
     * extent (S = 0) gives an empty output. Stateless, thread-safe.
     */
    public static final class InstanceNormalization implements Op {
        private final float epsilon;

        private InstanceNormalization(float epsilon) {
            this.epsilon = epsilon;
        }

        /** @return the operator, node checked */
        public static InstanceNormalization of(NodeSpec n) {
            n.checkArity(3, 3, 1, 1);
            n.allowAttributes("epsilon");
            float eps = n.getFloat("epsilon", 1e-5f);
            if (!(eps >= 0) || Float.isInfinite(eps)) {
                throw n.refuse("epsilon " + eps + " must be finite and ≥ 0");
            }
            return new InstanceNormalization(eps);
        }

        /** @return ε, added to the variance */
        public float epsilon() {
            return epsilon;
        }

        @Override
        public void run(Tensor[] in, Tensor[] out, Arena arena) {
            Tensor x = in[0];
            Tensor scale = in[1];
            Tensor bias = in[2];
            if (x.type() != Tensor.Type.FLOAT || x.rank() < 2 || scale.type() != Tensor.Type.FLOAT
                    || bias.type() != Tensor.Type.FLOAT) {
                throw new IllegalArgumentException("InstanceNormalization needs float32 [N, C, D1, ...], scale and B, "
                        + "got " + x + ", " + scale + ", " + bias);
            }
            int batch = x.dim(0);
            int channels = x.dim(1);
            if (scale.rank() != 1 || scale.size() != channels || bias.rank() != 1 || bias.size() != channels) {
                throw new IllegalArgumentException("InstanceNormalization: scale and B must have shape [" + channels
                        + "], have " + Arrays.toString(scale.shape()) + " and " + Arrays.toString(bias.shape()));
            }
            int span = channels == 0 || batch == 0 ? 0 : x.size() / (batch * channels);
            float[] xs = x.floats();
            float[] gs = scale.floats();
            float[] bs = bias.floats();
            Tensor o = Tensor.floats(arena, x.shape().clone());
            float[] ys = o.floats();
            for (int nc = 0; nc < batch * channels && span > 0; nc++) {
                int c = nc % channels;
                int base = nc * span;
                double mean = Moments.mean(xs, base, span);
                double inv = Moments.inverseStd(xs, base, span, mean, epsilon);
                float m = (float) mean;
                float k = (float) (inv * gs[c]);
                float b = bs[c];
                for (int i = 0; i < span; i++) {
                    ys[base + i] = (xs[base + i] - m) * k + b;
                }
            }
            out[0] = o;
        }
    }

    /**
     * Resize (opsets 13–21) in {@code nearest} mode, any rank, from constant or run-time {@code scales} or
     * {@code sizes}; coordinate transformations {@code asymmetric}, {@code half_pixel},
     * {@code pytorch_half_pixel}, {@code align_corners}, {@code tf_half_pixel_for_nn}; nearest modes
     * {@code floor}, {@code ceil}, {@code round_prefer_floor}, {@code round_prefer_ceil}. Also Upsample
     * (opsets 7–9, nearest: asymmetric and floor).
     */
    public static final class Resize implements Op {
        private final String transform;
        private final String nearest;
        private final boolean upsample;
        /** The last index map computed per axis (immutable entries; runs of one length reuse them). */
        private final AtomicReferenceArray<IndexMap> cache = new AtomicReferenceArray<>(8);

        /** An index map for one (input length, output length, scale). */
        private static final class IndexMap {
            final int in;
            final int out;
            final double scale;
            final int[] map;

            IndexMap(int in, int out, double scale, int[] map) {
                this.in = in;
                this.out = out;
                this.scale = scale;
                this.map = map;
            }
        }

        private Resize(String transform, String nearest, boolean upsample) {
            this.transform = transform;
            this.nearest = nearest;
            this.upsample = upsample;
        }

        /** @return the Resize operator, node checked */
        public static Resize of(NodeSpec n) {
            n.checkArity(1, 4, 1, 1);
            n.allowAttributes("antialias", "axes", "coordinate_transformation_mode", "cubic_coeff_a", "exclude_outside",
                    "extrapolation_value", "keep_aspect_ratio_policy", "mode", "nearest_mode");
            String mode = n.getString("mode", "nearest");
            if (!mode.equals("nearest")) {
                throw n.refuse("mode=" + mode + " is not supported (only nearest)");
            }
            if (n.getInt("antialias", 0) != 0 || n.has("axes")
                    || !n.getString("keep_aspect_ratio_policy", "stretch").equals("stretch")) {
                throw n.refuse("antialias, axes and keep_aspect_ratio_policy are not supported");
            }
            String ct = n.getString("coordinate_transformation_mode", "half_pixel");
            if (!Arrays.asList("asymmetric", "half_pixel", "pytorch_half_pixel", "align_corners", "tf_half_pixel_for_nn")
                    .contains(ct)) {
                throw n.refuse("coordinate_transformation_mode=" + ct + " is not supported");
            }
            String nm = n.getString("nearest_mode", "round_prefer_floor");
            if (!Arrays.asList("floor", "ceil", "round_prefer_floor", "round_prefer_ceil").contains(nm)) {
                throw n.refuse("nearest_mode=" + nm + " is not supported");
            }
            if (!n.hasInput(2) && !n.hasInput(3)) {
                throw n.refuse("neither scales nor sizes is given");
            }
            return new Resize(ct, nm, false);
        }

        /** @return the Upsample operator (opset ≤ 9), node checked */
        public static Resize upsample(NodeSpec n) {
            n.checkArity(2, 2, 1, 1);
            n.allowAttributes("mode");
            String mode = n.getString("mode", "nearest");
            if (!mode.equals("nearest")) {
                throw n.refuse("mode=" + mode + " is not supported (only nearest)");
            }
            return new Resize("asymmetric", "floor", true);
        }

        @Override
        public void run(Tensor[] in, Tensor[] out, Arena arena) {
            Tensor a = in[0];
            int r = a.rank();
            Tensor scalesT = upsample ? in[1] : (in.length > 2 ? in[2] : null);
            Tensor sizesT = upsample ? null : (in.length > 3 ? in[3] : null);
            if (scalesT != null && scalesT.size() == 0) {
                scalesT = null;
            }
            int[] shape = new int[r];
            double[] scale = new double[r];
            if (sizesT != null) {
                int[] sz = Shapes.toInts(sizesT);
                if (sz.length != r) {
                    throw new IllegalArgumentException("sizes of length " + sz.length + " for rank " + r);
                }
                for (int d = 0; d < r; d++) {
                    shape[d] = sz[d];
                    scale[d] = a.dim(d) == 0 ? 1 : (double) sz[d] / a.dim(d);
                }
            } else if (scalesT != null) {
                if (scalesT.size() != r) {
                    throw new IllegalArgumentException("scales of length " + scalesT.size() + " for rank " + r);
                }
                for (int d = 0; d < r; d++) {
                    float s = scalesT.floats()[d];
                    if (!(s > 0)) {
                        throw new IllegalArgumentException("scale " + s + " must be positive");
                    }
                    scale[d] = s;
                    shape[d] = (int) Math.floor(a.dim(d) * (double) s);
                }
            } else {
                throw new IllegalArgumentException("neither scales nor sizes is given");
            }
            int[][] map = new int[r][];
            for (int d = 0; d < r; d++) {
                IndexMap m = d < cache.length() ? cache.get(d) : null;
                if (m == null || m.in != a.dim(d) || m.out != shape[d] || m.scale != scale[d]) {
                    m = new IndexMap(a.dim(d), shape[d], scale[d], indexMap(a.dim(d), shape[d], scale[d]));
                    if (d < cache.length()) {
                        cache.set(d, m);
                    }
                }
                map[d] = m.map;
            }
            Tensor o = Shapes.newLike(a, shape, arena);
            out[0] = o;
            int n = o.size();
            if (n == 0) {
                return;
            }
            if (a.type() != Tensor.Type.FLOAT) {
                throw new IllegalArgumentException("Resize on " + a.type() + " is not supported");
            }
            float[] x = a.floats();
            float[] y = o.floats();
            int[] st = Tensor.strides(a.shape());
            int inner = shape[r - 1];
            int[] last = map[r - 1];
            int[] idx = new int[r];
            for (int p = 0; p < n; p += inner) {
                int base = 0;
                for (int d = 0; d < r - 1; d++) {
                    base += map[d][idx[d]] * st[d];
                }
                for (int t = 0; t < inner; t++) {
                    y[p + t] = x[base + last[t]];
                }
                for (int d = r - 2; d >= 0; d--) {
                    if (++idx[d] < shape[d]) {
                        break;
                    }
                    idx[d] = 0;
                }
            }
        }

        /** @return for each output index along one axis, the input index it copies */
        int[] indexMap(int inLen, int outLen, double scale) {
            int[] m = new int[outLen];
            for (int i = 0; i < outLen; i++) {
                double c;
                switch (transform) {
                    case "asymmetric":
                        c = i / scale;
                        break;
                    case "half_pixel":
                        c = (i + 0.5) / scale - 0.5;
                        break;
                    case "pytorch_half_pixel":
                        c = outLen > 1 ? (i + 0.5) / scale - 0.5 : 0;
                        break;
                    case "align_corners":
                        c = outLen > 1 ? i * (inLen - 1) / (double) (outLen - 1) : 0;
                        break;
                    default: // tf_half_pixel_for_nn
                        c = (i + 0.5) / scale;
                }
                double v;
                switch (nearest) {
                    case "floor":
                        v = Math.floor(c);
                        break;
                    case "ceil":
                        v = Math.ceil(c);
                        break;
                    case "round_prefer_ceil":
                        v = Math.floor(c + 0.5);
                        break;
                    default: // round_prefer_floor
                        v = Math.ceil(c - 0.5);
                }
                m[i] = (int) Math.max(0, Math.min(inLen - 1, v));
            }
            return m;
        }
    }
}
