package org.deepspt.jvm.impl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deepspt.jvm.impl.onnx.AttributeProto;
import org.deepspt.jvm.impl.onnx.GraphProto;
import org.deepspt.jvm.impl.onnx.NodeProto;
import org.deepspt.jvm.impl.onnx.TensorProto;

/**
 * The causal dilated TCN of the streaming models, recognised in a streaming graph and run as one fused step
 * (the graph of {@code models/training/stream_model.py#StepCell}). Any shape: F features, C channels, blocks
 * with any dilations d<sub>i</sub>, K + 1 heads. For a particle with features f and carried state:
 * <pre>
 *   x<sub>0</sub> = W<sub>in</sub> f + b<sub>in</sub>
 *   x<sub>i+1</sub> = x<sub>i</sub> + relu(P<sub>i</sub> x<sub>i</sub>(t − d<sub>i</sub>) + N<sub>i</sub> x<sub>i</sub> + b<sub>i</sub>)   for each block i
 *   probabilities[a][c] = softmax<sub>c</sub>((H x<sub>n</sub> + b<sub>H</sub>)[4a + c] / T[4a + c])
 * </pre>
 * Block i keeps x<sub>i</sub>(t − d<sub>i</sub>) … x<sub>i</sub>(t − 1), d<sub>i</sub> C floats of the state from offset
 * o<sub>i</sub> = C (d<sub>0</sub> + … + d<sub>i−1</sub>). Two layouts of those floats:
 * <ul>
 *   <li>the graph's ({@link #stepShift}): oldest first, shifted by C floats every step (next_state);</li>
 *   <li>a ring ({@link #stepRing}): x<sub>i</sub>(t) in slot t mod d<sub>i</sub>, so a step reads and overwrites one slot
 *       of C floats per block in place and moves nothing else.</li>
 * </ul>
 * Particles are processed in tiles of {@value #TILE}, activations stored channel-major per tile (one array of
 * the tile's particles per channel) so that every dense layer is a loop over the tile's particles (the long,
 * vectorisable dimension) updating {@value #OUT_BLOCK} output channels from {@value #IN_BLOCK} input channels per
 * pass (a register block small enough for C2 to unroll and vectorise the loop without extra JVM flags, large
 * enough that the accumulators are not loaded and stored once per multiply-add). Each dense layer and the softmax
 * add in the same order as {@link LinearOps} and {@link ReduceOps} do, so the fused step equals the interpreted
 * graph bit for bit. A partial tile (the batch's last) is computed on all {@value #TILE} rows, the rows beyond the
 * batch on zeros and never written out: every dense loop then runs the same trip count, so the vectorised code C2
 * compiles from its loop profile does not depend on the batch sizes seen first (a profile of short loops makes C2
 * compile these loops without unrolling, hence without vectors, for good). Immutable and thread-safe; scratch
 * arrays are per call.
 */
final class StreamingTcn {
    /** Particles per tile. */
    static final int TILE = 256;
    /** Output channels per pass of a dense layer. */
    private static final int OUT_BLOCK = 4;
    /** Input channels per pass of a dense layer. */
    private static final int IN_BLOCK = 2;

    private final int features;
    private final int channels;
    private final int logits;
    private final int stateSize;
    private final int[] dilations;
    private final int[] offsets;
    private final Dense input;
    private final Dense[] past;
    private final Dense[] now;
    private final Dense head;
    private final float[] temperature;

    /** A dense layer y = W x + b, W stored output-major ([n][k]), b null when absent. */
    private record Dense(float[] w, float[] bias, int k, int n) {
    }

    /** Per-call scratch: channel-major tiles, one array per channel (rows of {@value #TILE} particles). */
    final class Scratch {
        final float[][] feat = new float[features][TILE];
        final float[][] x = new float[channels][TILE];
        final float[][] old = new float[channels][TILE];
        final float[][] pastOut = new float[channels][TILE];
        final float[][] nowOut = new float[channels][TILE];
        final float[][] out = new float[logits][TILE];
        /** Offset of each tile row's x(t − d) in the state array, for the block being run. */
        final int[] at = new int[TILE];
    }

    private StreamingTcn(int stateSize, int[] dilations, Dense input, Dense[] past, Dense[] now, Dense head,
            float[] temperature) {
        this.features = input.k;
        this.channels = input.n;
        this.logits = head.n;
        this.stateSize = stateSize;
        this.dilations = dilations;
        this.offsets = new int[dilations.length];
        for (int i = 1; i < dilations.length; i++) {
            offsets[i] = offsets[i - 1] + dilations[i - 1] * channels;
        }
        this.input = input;
        this.past = past;
        this.now = now;
        this.head = head;
        this.temperature = temperature;
    }

    int features() {
        return features;
    }

    int channels() {
        return channels;
    }

    int stateSize() {
        return stateSize;
    }

    /** @return the dilations, a copy */
    int[] dilations() {
        return dilations.clone();
    }

    Scratch scratch() {
        return new Scratch();
    }

    /**
     * One step in the graph's layout for batch rows [from, to).
     *
     * @param f features [batch, F]
     * @param state [batch, S], oldest first per block
     * @param probabilities receives [batch, 4(K + 1)]
     * @param next receives [batch, S]
     */
    void stepShift(float[] f, float[] state, float[] probabilities, float[] next, int from, int to, Scratch s) {
        for (int t0 = from; t0 < to; t0 += TILE) {
            int bb = Math.min(TILE, to - t0);
            x0(f, t0, bb, s);
            for (int i = 0; i < dilations.length; i++) {
                int c = channels;
                int o = offsets[i];
                int carried = (dilations[i] - 1) * c;
                for (int b = 0; b < bb; b++) {
                    int base = (t0 + b) * stateSize + o;
                    for (int k = 0; k < c; k++) {
                        s.old[k][b] = state[base + k];
                    }
                    System.arraycopy(state, base + c, next, base, carried);
                    for (int k = 0; k < c; k++) {
                        next[base + carried + k] = s.x[k][b];
                    }
                }
                padOld(bb, s);
                block(i, s);
            }
            heads(s);
            for (int b = 0; b < bb; b++) {
                writeHead(s, b, probabilities, (t0 + b) * logits);
            }
        }
    }

    /**
     * One step on states in the ring layout, in place, for batch rows [from, to).
     *
     * @param f features [batch, F]
     * @param states slab, slot s at [s·S, (s + 1)·S)
     * @param slots slot of each batch row
     * @param index points stepped before, per batch row (0: the slot is reset)
     * @param heads receives 4(K + 1) floats per row at its slot
     */
    void stepRing(float[] f, float[] states, int[] slots, long[] index, float[] heads, int from, int to, Scratch s) {
        for (int t0 = from; t0 < to; t0 += TILE) {
            int bb = Math.min(TILE, to - t0);
            for (int b = 0; b < bb; b++) {
                if (index[t0 + b] == 0) {
                    int base = slots[t0 + b] * stateSize;
                    Arrays.fill(states, base, base + stateSize, 0f);
                }
            }
            x0(f, t0, bb, s);
            for (int i = 0; i < dilations.length; i++) {
                int c = channels;
                int[] at = s.at;
                for (int b = 0; b < bb; b++) {
                    at[b] = slots[t0 + b] * stateSize + offsets[i] + (int) (index[t0 + b] % dilations[i]) * c;
                }
                for (int k = 0; k < c; k++) {
                    float[] old = s.old[k];
                    float[] x = s.x[k];
                    for (int b = 0; b < bb; b++) {
                        old[b] = states[at[b] + k];
                        states[at[b] + k] = x[b];
                    }
                }
                padOld(bb, s);
                block(i, s);
            }
            heads(s);
            for (int b = 0; b < bb; b++) {
                writeHead(s, b, heads, slots[t0 + b] * logits);
            }
        }
    }

    /** x = W_in f + b_in for the tile's rows. */
    private void x0(float[] f, int t0, int bb, Scratch s) {
        for (int b = 0; b < bb; b++) {
            int r = (t0 + b) * features;
            for (int k = 0; k < features; k++) {
                s.feat[k][b] = f[r + k];
            }
        }
        for (int k = 0; k < features; k++) {
            Arrays.fill(s.feat[k], bb, TILE, 0f);
        }
        dense(input, s.feat, s.x);
    }

    /** Zeros the rows [bb, TILE) of the past inputs: a partial tile computes full rows, the padding on zeros. */
    private void padOld(int bb, Scratch s) {
        if (bb < TILE) {
            for (int k = 0; k < channels; k++) {
                Arrays.fill(s.old[k], bb, TILE, 0f);
            }
        }
    }

    /** x += relu(P old + (N x + b)) on every row of the tile, the sum as the graph's Add(MatMul, Gemm). */
    private void block(int i, Scratch s) {
        dense(past[i], s.old, s.pastOut);
        dense(now[i], s.x, s.nowOut);
        for (int k = 0; k < channels; k++) {
            float[] x = s.x[k];
            float[] p = s.pastOut[k];
            float[] q = s.nowOut[k];
            for (int b = 0; b < TILE; b++) {
                float z = p[b] + q[b];
                x[b] = x[b] + Math.max(z, 0f);
            }
        }
    }

    private void heads(Scratch s) {
        dense(head, s.x, s.out);
    }

    /** Temperature and softmax over each head's 4 logits of tile row b, as {@link ReduceOps.Softmax}. */
    private void writeHead(Scratch s, int b, float[] dst, int at) {
        float[][] z = s.out;
        for (int a = 0; a < logits; a += 4) {
            float v0 = z[a][b];
            float v1 = z[a + 1][b];
            float v2 = z[a + 2][b];
            float v3 = z[a + 3][b];
            if (temperature != null) {
                v0 = v0 / temperature[a];
                v1 = v1 / temperature[a + 1];
                v2 = v2 / temperature[a + 2];
                v3 = v3 / temperature[a + 3];
            }
            float max = Math.max(Math.max(Math.max(Math.max(Float.NEGATIVE_INFINITY, v0), v1), v2), v3);
            float e0 = (float) Math.exp(v0 - max);
            float e1 = (float) Math.exp(v1 - max);
            float e2 = (float) Math.exp(v2 - max);
            float e3 = (float) Math.exp(v3 - max);
            float sum = 0f;
            sum += e0;
            sum += e1;
            sum += e2;
            sum += e3;
            float inv = 1f / sum;
            dst[at + a] = e0 * inv;
            dst[at + a + 1] = e1 * inv;
            dst[at + a + 2] = e2 * inv;
            dst[at + a + 3] = e3 * inv;
        }
    }

    /**
     * y[j][b] = bias[j] + Σ<sub>k</sub> x[k][b] W[j][k] over all {@value #TILE} rows b of the tile, k ascending
     * (the order of {@link LinearOps#multiplyAdd}). Register-blocked: each pass over the tile's rows updates {@value #OUT_BLOCK}
     * output channels from {@value #IN_BLOCK} input channels, so an accumulator row is loaded and stored once per
     * {@value #IN_BLOCK} inputs and an input row loaded once per {@value #OUT_BLOCK} outputs; the sum
     * {@code a + v0 c0 + v1 c1} is evaluated left to right, i.e. rounded after every term exactly as one input per
     * pass would be. Output channels beyond a multiple of {@value #OUT_BLOCK} take one per pass, an odd last input
     * a pass of its own.
     */
    private static void dense(Dense d, float[][] x, float[][] y) {
        float[] w = d.w;
        int k = d.k;
        int n = d.n;
        int j = 0;
        for (; j + OUT_BLOCK <= n; j += OUT_BLOCK) {
            float[] a0 = y[j];
            float[] a1 = y[j + 1];
            float[] a2 = y[j + 2];
            float[] a3 = y[j + 3];
            start(a0, d.bias, j);
            start(a1, d.bias, j + 1);
            start(a2, d.bias, j + 2);
            start(a3, d.bias, j + 3);
            int r0 = j * k;
            int r1 = r0 + k;
            int r2 = r1 + k;
            int r3 = r2 + k;
            int kk = 0;
            for (; kk + IN_BLOCK <= k; kk += IN_BLOCK) {
                float[] x0 = x[kk];
                float[] x1 = x[kk + 1];
                float c00 = w[r0 + kk];
                float c01 = w[r0 + kk + 1];
                float c10 = w[r1 + kk];
                float c11 = w[r1 + kk + 1];
                float c20 = w[r2 + kk];
                float c21 = w[r2 + kk + 1];
                float c30 = w[r3 + kk];
                float c31 = w[r3 + kk + 1];
                for (int b = 0; b < TILE; b++) {
                    float v0 = x0[b];
                    float v1 = x1[b];
                    a0[b] = a0[b] + v0 * c00 + v1 * c01;
                    a1[b] = a1[b] + v0 * c10 + v1 * c11;
                    a2[b] = a2[b] + v0 * c20 + v1 * c21;
                    a3[b] = a3[b] + v0 * c30 + v1 * c31;
                }
            }
            if (kk < k) {
                float[] x0 = x[kk];
                float c0 = w[r0 + kk];
                float c1 = w[r1 + kk];
                float c2 = w[r2 + kk];
                float c3 = w[r3 + kk];
                for (int b = 0; b < TILE; b++) {
                    float v = x0[b];
                    a0[b] = a0[b] + v * c0;
                    a1[b] = a1[b] + v * c1;
                    a2[b] = a2[b] + v * c2;
                    a3[b] = a3[b] + v * c3;
                }
            }
        }
        for (; j < n; j++) {
            float[] a0 = y[j];
            start(a0, d.bias, j);
            int r0 = j * k;
            int kk = 0;
            for (; kk + IN_BLOCK <= k; kk += IN_BLOCK) {
                float[] x0 = x[kk];
                float[] x1 = x[kk + 1];
                float c00 = w[r0 + kk];
                float c01 = w[r0 + kk + 1];
                for (int b = 0; b < TILE; b++) {
                    a0[b] = a0[b] + x0[b] * c00 + x1[b] * c01;
                }
            }
            if (kk < k) {
                float[] x0 = x[kk];
                float c0 = w[r0 + kk];
                for (int b = 0; b < TILE; b++) {
                    a0[b] = a0[b] + x0[b] * c0;
                }
            }
        }
    }

    private static void start(float[] a, float[] bias, int j) {
        Arrays.fill(a, 0, TILE, bias == null ? 0f : bias[j]);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Recognition

    /**
     * @param g a streaming graph (inputs features, state; outputs probabilities, next_state)
     * @param stateSize S, from the declared input shape
     * @return the TCN, or null when the graph is not this architecture (the interpreter runs it then)
     */
    static StreamingTcn recognise(GraphProto g, int stateSize) {
        try {
            return new Matcher(g).match(stateSize);
        } catch (NoMatch | RuntimeException e) {
            return null;
        }
    }

    /** Thrown inside the matcher: not the architecture. */
    private static final class NoMatch extends Exception {
        private static final long serialVersionUID = 1L;

        NoMatch() {
            super(null, null, false, false);
        }
    }

    private static final class Matcher {
        private final Map<String, NodeProto> producer = new HashMap<>();
        private final Map<String, Tensor> constants = new HashMap<>();
        private final Map<String, String> outputs = new HashMap<>();

        Matcher(GraphProto g) {
            for (TensorProto t : g.getInitializerList()) {
                constants.put(t.getName(), TensorDecoder.decode(t));
            }
            for (NodeProto n : g.getNodeList()) {
                for (String o : n.getOutputList()) {
                    producer.put(o, n);
                }
                if (n.getOpType().equals("Constant") && n.getOutputCount() == 1 && n.getAttributeCount() == 1
                        && n.getAttribute(0).getName().equals("value")) {
                    constants.put(n.getOutput(0), TensorDecoder.decode(n.getAttribute(0).getT()));
                }
            }
            g.getOutputList().forEach(v -> outputs.put(v.getName(), v.getName()));
        }

        StreamingTcn match(int stateSize) throws NoMatch {
            // probabilities = Softmax(Div(Reshape(head(x_n)), T)) or Softmax(Reshape(head(x_n)))
            NodeProto softmax = node("probabilities", "Softmax");
            long axis = intAttr(softmax, "axis", -1);
            require(axis == -1 || axis == 2);
            NodeProto n = producer(softmax.getInput(0));
            Tensor t = null;
            if (n.getOpType().equals("Div")) {
                require(n.getDomain().isEmpty() && n.getInputCount() == 2);
                t = constant(n.getInput(1));
                n = producer(n.getInput(0));
            }
            require(n.getOpType().equals("Reshape") && n.getDomain().isEmpty() && n.getInputCount() == 2);
            Tensor shape = constant(n.getInput(1));
            require(shape.type() == Tensor.Type.INT64 && shape.size() == 3);
            long[] sh = shape.longs();
            require((sh[0] == -1 || sh[0] == 0) && sh[2] == 4 && sh[1] >= 1);
            NodeProto headNode = producer(n.getInput(0));
            Dense head = dense(headNode);
            require(head.n == 4 * sh[1]);
            float[] temperature = t == null ? null : temperature(t, (int) sh[1]);
            // Walk back from x_n: x_{i+1} = Add(x_i, Relu(Add(past(Slice(state)), now(x_i)))).
            List<Dense> past = new ArrayList<>();
            List<Dense> now = new ArrayList<>();
            List<long[]> oldSlices = new ArrayList<>();
            List<String> blockInputs = new ArrayList<>();
            String x = headNode.getInput(0);
            NodeProto p = producer(x);
            while (p.getOpType().equals("Add")) {
                require(p.getDomain().isEmpty() && p.getInputCount() == 2);
                int r = isOp(p.getInput(0), "Relu") ? 0 : 1;
                require(isOp(p.getInput(r), "Relu"));
                String prev = p.getInput(1 - r);
                NodeProto sum = producer(producer(p.getInput(r)).getInput(0));
                require(sum.getOpType().equals("Add") && sum.getDomain().isEmpty() && sum.getInputCount() == 2);
                NodeProto a = producer(sum.getInput(0));
                NodeProto b = producer(sum.getInput(1));
                NodeProto pastNode = isOp(a.getInput(0), "Slice") ? a : b;
                NodeProto nowNode = pastNode == a ? b : a;
                require(isOp(pastNode.getInput(0), "Slice") && nowNode.getInput(0).equals(prev));
                long[] slice = slice(producer(pastNode.getInput(0)), stateSize);
                past.add(0, dense(pastNode));
                now.add(0, dense(nowNode));
                oldSlices.add(0, slice);
                blockInputs.add(0, prev);
                x = prev;
                p = producer(x);
            }
            Dense input = dense(p);
            require(p.getInput(0).equals("features"));
            int c = input.n;
            require(head.k == c && !past.isEmpty());
            // next_state = Concat(Slice(state, o_i + C, o_i + d_i C), x_i for each block i), axis 1
            NodeProto concat = node("next_state", "Concat");
            long cax = intAttr(concat, "axis", Long.MIN_VALUE);
            require((cax == 1 || cax == -1) && concat.getInputCount() == 2 * past.size());
            int[] dilations = new int[past.size()];
            long o = 0;
            for (int i = 0; i < past.size(); i++) {
                require(past.get(i).k == c && past.get(i).n == c && now.get(i).k == c && now.get(i).n == c);
                require(oldSlices.get(i)[0] == o && oldSlices.get(i)[1] == o + c);
                long[] carried = slice(producer(concat.getInput(2 * i)), stateSize);
                require(carried[0] == o + c && carried[1] >= carried[0] && (carried[1] - o) % c == 0);
                dilations[i] = (int) ((carried[1] - o) / c);
                require(concat.getInput(2 * i + 1).equals(blockInputs.get(i)));
                o += (long) dilations[i] * c;
            }
            require(o == stateSize);
            return new StreamingTcn(stateSize, dilations, input, past.toArray(new Dense[0]),
                    now.toArray(new Dense[0]), head, temperature);
        }

        /** @return [start, end) of a Slice of 'state' along axis 1 with step 1, end clamped to S */
        private long[] slice(NodeProto s, int stateSize) throws NoMatch {
            require(s.getOpType().equals("Slice") && s.getDomain().isEmpty() && s.getInputCount() >= 4
                    && s.getInput(0).equals("state"));
            long start = scalar(s.getInput(1));
            long end = scalar(s.getInput(2));
            long ax = scalar(s.getInput(3));
            long step = s.getInputCount() >= 5 && !s.getInput(4).isEmpty() ? scalar(s.getInput(4)) : 1;
            require((ax == 1 || ax == -1) && step == 1 && start >= 0 && start <= stateSize && end >= 0);
            return new long[] {start, Math.min(end, stateSize)};
        }

        private long scalar(String name) throws NoMatch {
            Tensor t = constant(name);
            require(t.type() == Tensor.Type.INT64 && t.size() == 1);
            return t.longs()[0];
        }

        /** Gemm (transA 0, constant B, optional constant C of n values) or MatMul by a constant matrix. */
        private Dense dense(NodeProto n) throws NoMatch {
            require(n.getDomain().isEmpty());
            if (n.getOpType().equals("MatMul")) {
                require(n.getInputCount() == 2);
                Tensor b = constant(n.getInput(1));
                require(b.type() == Tensor.Type.FLOAT && b.rank() == 2);
                return of(b.floats(), b.dim(0), b.dim(1), false, 1f, null, 0f);
            }
            require(n.getOpType().equals("Gemm") && n.getInputCount() >= 2 && intAttr(n, "transA", 0) == 0);
            for (AttributeProto a : n.getAttributeList()) {
                require(List.of("alpha", "beta", "transA", "transB").contains(a.getName()));
            }
            Tensor b = constant(n.getInput(1));
            require(b.type() == Tensor.Type.FLOAT && b.rank() == 2);
            boolean transB = intAttr(n, "transB", 0) != 0;
            int k = transB ? b.dim(1) : b.dim(0);
            int m = transB ? b.dim(0) : b.dim(1);
            float[] bias = null;
            if (n.getInputCount() >= 3 && !n.getInput(2).isEmpty()) {
                Tensor cb = constant(n.getInput(2));
                require(cb.type() == Tensor.Type.FLOAT && cb.size() == m && cb.rank() >= 1 && cb.rank() <= 2
                        && cb.dim(cb.rank() - 1) == m);
                bias = cb.floats();
            }
            return of(b.floats(), k, m, transB, floatAttr(n, "alpha", 1f), bias, floatAttr(n, "beta", 1f));
        }

        /** Weights as {@link LinearOps.Gemm} prepares them (alpha folded), stored output-major. */
        private static Dense of(float[] src, int k, int n, boolean transB, float alpha, float[] bias, float beta) {
            float[] w = new float[k * n];
            for (int kk = 0; kk < k; kk++) {
                for (int j = 0; j < n; j++) {
                    w[j * k + kk] = alpha * (transB ? src[j * k + kk] : src[kk * n + j]);
                }
            }
            float[] b = null;
            if (bias != null) {
                b = new float[n];
                for (int j = 0; j < n; j++) {
                    b[j] = beta * bias[j];
                }
            }
            return new Dense(w, b, k, n);
        }

        /** T broadcast to [1, H, 4]: a scalar, one value per head ([.., H, 1]) or per logit ([.., H, 4]). */
        private static float[] temperature(Tensor t, int heads) throws NoMatch {
            require(t.type() == Tensor.Type.FLOAT && t.rank() <= 3);
            float[] v = t.floats();
            float[] out = new float[4 * heads];
            int[] s = t.shape();
            int last = t.rank() == 0 ? 1 : s[s.length - 1];
            int mid = t.rank() < 2 ? 1 : s[s.length - 2];
            require(t.rank() < 3 || s[0] == 1);
            require((last == 1 || last == 4) && (mid == 1 || mid == heads));
            for (int a = 0; a < heads; a++) {
                for (int c = 0; c < 4; c++) {
                    out[4 * a + c] = v[(mid == 1 ? 0 : a) * last + (last == 1 ? 0 : c)];
                }
            }
            return out;
        }

        private NodeProto node(String output, String op) throws NoMatch {
            require(outputs.containsKey(output));
            NodeProto n = producer(output);
            require(n.getOpType().equals(op) && n.getDomain().isEmpty());
            return n;
        }

        private boolean isOp(String value, String op) {
            NodeProto n = producer.get(value);
            return n != null && n.getOpType().equals(op) && n.getDomain().isEmpty();
        }

        private NodeProto producer(String value) throws NoMatch {
            NodeProto n = producer.get(value);
            require(n != null);
            return n;
        }

        private Tensor constant(String name) throws NoMatch {
            Tensor t = constants.get(name);
            require(t != null);
            return t;
        }

        private static long intAttr(NodeProto n, String name, long dflt) {
            for (AttributeProto a : n.getAttributeList()) {
                if (a.getName().equals(name)) {
                    return a.getI();
                }
            }
            return dflt;
        }

        private static float floatAttr(NodeProto n, String name, float dflt) {
            for (AttributeProto a : n.getAttributeList()) {
                if (a.getName().equals(name)) {
                    return a.getF();
                }
            }
            return dflt;
        }

        private static void require(boolean ok) throws NoMatch {
            if (!ok) {
                throw new NoMatch();
            }
        }
    }
}
