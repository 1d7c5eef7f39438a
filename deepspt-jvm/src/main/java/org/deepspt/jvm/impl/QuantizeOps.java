package org.deepspt.jvm.impl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deepspt.jvm.impl.onnx.NodeProto;

/**
 * The ONNX linear quantisation operators, opsets 13–21 restricted to 8-bit integers: QuantizeLinear,
 * DequantizeLinear and, fused by the compiler, a QuantizeLinear→DequantizeLinear pair ("fake quantisation").
 *
 * <p>With scale s (float32) and zero point z (int8 or uint8; absent: uint8 0) per tensor (a scalar or a
 * one-element vector) or per slice along {@code axis} (a vector of that axis's length):
 * <ul>
 *   <li>QuantizeLinear: q = clamp(rint(x / s) + z, lo, hi), with [lo, hi] = [−128, 127] for int8 and
 *       [0, 255] for uint8; x / s in float32 and {@code Math.rint} rounds half to even, as ONNX requires
 *       and ONNX Runtime does.</li>
 *   <li>DequantizeLinear: y = (q − z) · s in float32; q int8, uint8 or int32 (held as int64 here), z of the
 *       same type.</li>
 *   <li>The pair with the same s, z and axis: y = (clamp(rint(x / s) + z, lo, hi) − z) · s, one float step
 *       with no integer tensor in between.</li>
 * </ul>
 * DequantizeLinear of a constant (int8 weights) is folded by the compiler into a float32 constant, so a
 * quantised Conv runs in float32 on dequantised values: its result agrees with ONNX Runtime's integer
 * QLinearConv to rounding (a rare output that lies near a rounding boundary differs by one quantisation step).
 * NaN inputs quantise to an unspecified value. Opset 21's {@code block_size} must be 0 (no blocked
 * quantisation); {@code output_dtype}, when given, must be int8 or uint8 and agree with z.
 */
public final class QuantizeOps {
    private QuantizeOps() {
    }

    /** Scale and zero point of one node, resolved per element from the input's shape. */
    private static final class Params {
        final float[] scale;
        final long[] zero;
        final int channels;
        final int inner;

        private Params(float[] scale, long[] zero, int channels, int inner) {
            this.scale = scale;
            this.zero = zero;
            this.channels = channels;
            this.inner = inner;
        }

        /**
         * @param x the quantised or float input, whose shape the per-axis parameters follow
         * @param s scale (float32)
         * @param z zero point, or null (0)
         * @param axis the {@code axis} attribute, may be negative
         */
        static Params of(Tensor x, Tensor s, Tensor z, long axis) {
            if (s.type() != Tensor.Type.FLOAT) {
                throw new IllegalArgumentException("scale must be float32, is " + s.type());
            }
            if (z != null && z.size() != s.size()) {
                throw new IllegalArgumentException("zero point has " + z.size() + " elements, scale " + s.size());
            }
            long[] zero = z == null ? new long[s.size()] : z.longs();
            if (s.size() == 1 && s.rank() <= 1) {
                return new Params(s.floats(), zero, 1, 1);
            }
            if (s.rank() != 1) {
                throw new IllegalArgumentException("scale must be a scalar or a vector, has shape "
                        + java.util.Arrays.toString(s.shape()));
            }
            int a = (int) (axis < 0 ? axis + x.rank() : axis);
            if (a < 0 || a >= x.rank()) {
                throw new IllegalArgumentException("axis " + axis + " out of range for input " + x);
            }
            if (x.dim(a) != s.size()) {
                throw new IllegalArgumentException("per-axis scale has " + s.size() + " elements, axis " + axis
                        + " of input " + x + " has " + x.dim(a));
            }
            int inner = 1;
            for (int d = a + 1; d < x.rank(); d++) {
                inner *= x.dim(d);
            }
            return new Params(s.floats(), zero, s.size(), inner);
        }

        /** Calls {@code body} once per run of elements [from, to) sharing scale and zero point index c. */
        void forEachRun(int size, RunBody body) {
            if (channels == 1) {
                body.apply(0, size, scale[0], zero[0]);
                return;
            }
            for (int from = 0, c = 0; from < size; from += inner, c = c + 1 == channels ? 0 : c + 1) {
                body.apply(from, from + inner, scale[c], zero[c]);
            }
        }
    }

    @FunctionalInterface
    private interface RunBody {
        void apply(int from, int to, float scale, long zero);
    }

    private static long lo(Tensor.Type t) {
        return t == Tensor.Type.INT8 ? -128 : 0;
    }

    private static long hi(Tensor.Type t) {
        return t == Tensor.Type.INT8 ? 127 : 255;
    }

    /** The quantised type of a zero point, or uint8 when it is absent. */
    private static Tensor.Type quantizedType(Tensor z) {
        if (z == null) {
            return Tensor.Type.UINT8;
        }
        if (z.type() != Tensor.Type.INT8 && z.type() != Tensor.Type.UINT8) {
            throw new IllegalArgumentException("zero point must be int8 or uint8, is " + z.type());
        }
        return z.type();
    }

    private static long axis(NodeSpec n) {
        long blockSize = n.getInt("block_size", 0);
        if (blockSize != 0) {
            throw n.refuse("block_size=" + blockSize + " (blocked quantisation) is not supported");
        }
        return n.getInt("axis", 1);
    }

    /** QuantizeLinear: q = clamp(rint(x / s) + z, lo, hi); optionally followed by its DequantizeLinear. */
    public static final class QuantizeLinear implements Op {
        private final long axis;
        private final int outputType;
        private final boolean dequantize;

        private QuantizeLinear(long axis, int outputType, boolean dequantize) {
            this.axis = axis;
            this.outputType = outputType;
            this.dequantize = dequantize;
        }

        /** @return the operator, node checked */
        public static QuantizeLinear of(NodeSpec n) {
            n.checkArity(2, 3, 1, 1);
            n.allowAttributes("axis", "saturate", "block_size", "output_dtype");
            long outputType = n.getInt("output_dtype", 0);
            if (outputType != 0 && outputType != 2 && outputType != 3) {
                throw n.refuse("output_dtype " + outputType + " is not supported (int8, uint8)");
            }
            return new QuantizeLinear(axis(n), (int) outputType, false);
        }

        /**
         * @return this quantisation followed by a DequantizeLinear with the same scale, zero point and axis:
         *     float32 in, float32 out
         */
        public QuantizeLinear withDequantize() {
            return new QuantizeLinear(axis, outputType, true);
        }

        @Override
        public void run(Tensor[] in, Tensor[] out, Arena arena) {
            Tensor x = in[0];
            Tensor z = in.length > 2 ? in[2] : null;
            Tensor.Type type = z == null && outputType != 0 ? Tensor.Type.ofOnnx(outputType) : quantizedType(z);
            if (outputType != 0 && outputType != type.onnxCode()) {
                throw new IllegalArgumentException("output_dtype " + outputType + " differs from the zero point's "
                        + type);
            }
            Params p = Params.of(x, in[1], z, axis);
            float[] src = x.floats();
            long lo = lo(type);
            long hi = hi(type);
            if (dequantize) {
                Tensor o = Tensor.floats(arena, x.shape().clone());
                float[] dst = o.floats();
                p.forEachRun(x.size(), (from, to, s, zp) -> fakeQuantize(src, dst, from, to, s, lo - zp, hi - zp));
                out[0] = o;
            } else {
                Tensor o = Tensor.quantized(type, arena, x.shape().clone());
                long[] dst = o.longs();
                p.forEachRun(x.size(), (from, to, s, zp) -> {
                    for (int i = from; i < to; i++) {
                        double q = Math.rint(src[i] / s) + zp;
                        dst[i] = (long) Math.max(lo, Math.min(hi, q));
                    }
                });
                out[0] = o;
            }
        }
    }

    /** 1.5 · 2²³: for |t| ≤ 2²², (t + ROUND) − ROUND is t rounded half to even in float32 arithmetic. */
    private static final float ROUND = 12_582_912f;

    /**
     * dst[i] = rint(clamp(src[i] / s, lo, hi)) · s for i in [from, to), which equals
     * (clamp(rint(x / s) + z, lo + z, hi + z) − z) · s because the bounds are integers; |lo|, |hi| ≤ 255, so
     * the rounding by {@link #ROUND} is exact (and C2 vectorises the loop). NaN stays NaN.
     */
    static void fakeQuantize(float[] src, float[] dst, int from, int to, float s, float lo, float hi) {
        for (int i = from; i < to; i++) {
            float t = src[i] / s;
            t = t < lo ? lo : t > hi ? hi : t;
            dst[i] = ((t + ROUND) - ROUND) * s;
        }
    }

    /** DequantizeLinear: y = (q − z) · s. */
    public static final class DequantizeLinear implements Op {
        private final long axis;

        private DequantizeLinear(long axis) {
            this.axis = axis;
        }

        /** @return the operator, node checked */
        public static DequantizeLinear of(NodeSpec n) {
            n.checkArity(2, 3, 1, 1);
            n.allowAttributes("axis", "block_size");
            return new DequantizeLinear(axis(n));
        }

        @Override
        public void run(Tensor[] in, Tensor[] out, Arena arena) {
            Tensor x = in[0];
            Tensor z = in.length > 2 ? in[2] : null;
            if (!x.type().integral()) {
                throw new IllegalArgumentException("input must be int8, uint8 or int32, is " + x.type());
            }
            if (z != null && z.type() != x.type()) {
                throw new IllegalArgumentException("zero point is " + z.type() + ", input " + x.type());
            }
            Params p = Params.of(x, in[1], z, axis);
            long[] src = x.longs();
            Tensor o = Tensor.floats(arena, x.shape().clone());
            float[] dst = o.floats();
            p.forEachRun(x.size(), (from, to, s, zp) -> {
                for (int i = from; i < to; i++) {
                    dst[i] = (src[i] - zp) * s;
                }
            });
            out[0] = o;
        }
    }

    /**
     * QuantizeLinear nodes to run together with the DequantizeLinear that is their output's only reader:
     * same scale and zero-point inputs (by name), same {@code axis}, and the quantised value is not the
     * graph output.
     *
     * @param nodes the graph's nodes
     * @param readers number of node inputs reading each value
     * @param outputName the graph output
     * @return QuantizeLinear node → its DequantizeLinear
     */
    static Map<NodeProto, NodeProto> pairs(List<NodeProto> nodes, Map<String, Integer> readers, String outputName) {
        Map<String, NodeProto> readerOf = new HashMap<>();
        for (NodeProto n : nodes) {
            for (String i : n.getInputList()) {
                readerOf.put(i, n);
            }
        }
        Map<NodeProto, NodeProto> pairs = new HashMap<>();
        for (NodeProto q : nodes) {
            if (!q.getOpType().equals("QuantizeLinear") || !q.getDomain().isEmpty() || q.getOutputCount() != 1
                    || q.getOutput(0).equals(outputName) || readers.getOrDefault(q.getOutput(0), 0) != 1) {
                continue;
            }
            NodeProto d = readerOf.get(q.getOutput(0));
            if (d.getOpType().equals("DequantizeLinear") && d.getDomain().isEmpty() && d.getInputCount() >= 1
                    && d.getInput(0).equals(q.getOutput(0)) && params(q).equals(params(d))
                    && attributes(q).equals(attributes(d))) {
                pairs.put(q, d);
            }
        }
        return pairs;
    }

    /** Scale and zero-point input names, an omitted zero point as "". */
    private static List<String> params(NodeProto n) {
        List<String> p = new ArrayList<>(n.getInputList().subList(1, n.getInputCount()));
        while (p.size() < 2) {
            p.add("");
        }
        return p;
    }

    /** The attributes both operators share: axis (default 1) and block_size (default 0). */
    private static List<Long> attributes(NodeProto n) {
        long axis = 1;
        long block = 0;
        for (org.deepspt.jvm.impl.onnx.AttributeProto a : n.getAttributeList()) {
            if (a.getName().equals("axis")) {
                axis = a.getI();
            } else if (a.getName().equals("block_size")) {
                block = a.getI();
            }
        }
        return List.of(axis, block);
    }
}
