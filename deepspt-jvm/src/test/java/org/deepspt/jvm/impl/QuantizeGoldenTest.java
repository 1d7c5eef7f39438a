package org.deepspt.jvm.impl;

import static org.deepspt.jvm.impl.Nodes.f;
import static org.deepspt.jvm.impl.Nodes.op;
import static org.deepspt.jvm.impl.Nodes.run;
import static org.deepspt.jvm.impl.Nodes.sh;
import static org.deepspt.jvm.testing.OnnxProtos.i;
import static org.deepspt.jvm.testing.OnnxProtos.node;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.deepspt.api.inference.ModelLoadException;
import org.deepspt.jvm.impl.onnx.GraphProto;
import org.deepspt.jvm.impl.onnx.ModelProto;
import org.deepspt.jvm.impl.onnx.NodeProto;
import org.deepspt.jvm.impl.onnx.OperatorSetIdProto;
import org.deepspt.jvm.impl.onnx.TensorProto;
import org.deepspt.jvm.impl.onnx.TensorShapeProto;
import org.deepspt.jvm.impl.onnx.TypeProto;
import org.deepspt.jvm.impl.onnx.ValueInfoProto;
import org.deepspt.jvm.testing.OnnxProtos;
import org.junit.jupiter.api.Test;

/**
 * QuantizeLinear and DequantizeLinear (opset 13 semantics, 8-bit), their fused pair and the int8 / uint8
 * initializers: small cases computed by hand from the ONNX operator specification.
 */
class QuantizeGoldenTest {
    private static final String[] Q_IN = {"x", "s", "z"};
    private static final String[] Y = {"y"};

    private static Tensor u8(int[] shape, long... v) {
        return Tensor.quantized(Tensor.Type.UINT8, shape, v);
    }

    private static Tensor i8(int[] shape, long... v) {
        return Tensor.quantized(Tensor.Type.INT8, shape, v);
    }

    private static void assertQuantized(Tensor t, Tensor.Type type, int[] shape, long... expected) {
        assertEquals(type, t.type());
        assertArrayEquals(shape, t.shape(), "shape");
        assertArrayEquals(expected, Arrays.copyOf(t.longs(), t.size()));
    }

    private static void assertFloats(Tensor t, int[] shape, float... expected) {
        assertEquals(Tensor.Type.FLOAT, t.type());
        assertArrayEquals(shape, t.shape(), "shape");
        assertArrayEquals(expected, Arrays.copyOf(t.floats(), t.size()), 0f);
    }

    private static Op quantize(NodeProto n) {
        return op(n);
    }

    @Test
    void quantizeUint8RoundsHalfToEvenAndSaturates() {
        // s = 0.5, z = 128: x / s = 0.5, 1.5, -0.5, -1.5, 2.5, 200, -200, 0 -> rint 0, 2, -0, -2, 2, 200, -200, 0
        // (ties to even), + 128, clamped to [0, 255].
        Op q = quantize(node("QuantizeLinear", "q", Q_IN, Y));
        Tensor y = run(q, 1, f(sh(8), 0.25f, 0.75f, -0.25f, -0.75f, 1.25f, 100, -100, 0), f(sh(), 0.5f),
                u8(sh(), 128))[0];
        assertQuantized(y, Tensor.Type.UINT8, sh(8), 128, 130, 128, 126, 130, 255, 0, 128);
    }

    @Test
    void quantizeInt8WithNegativeZeroPoint() {
        // s = 2, z = -1: x / s = 0.5, 1.5, 2.5, -127.5, 150, -3.5 -> rint 0, 2, 2, -128, 150, -4 -> -1, 1, 1,
        // -129 -> -128, 149 -> 127, -5.
        Op q = quantize(node("QuantizeLinear", "q", Q_IN, Y));
        Tensor y = run(q, 1, f(sh(2, 3), 1, 3, 5, -255, 300, -7), f(sh(), 2), i8(sh(), -1))[0];
        assertQuantized(y, Tensor.Type.INT8, sh(2, 3), -1, 1, 1, -128, 127, -5);
    }

    @Test
    void quantizeWithoutZeroPointIsUint8() {
        Op q = quantize(node("QuantizeLinear", "q", new String[] {"x", "s"}, Y));
        Tensor y = run(q, 1, f(sh(4), -1, 0.5f, 1.5f, 300), f(sh(1), 1))[0];
        assertQuantized(y, Tensor.Type.UINT8, sh(4), 0, 0, 2, 255);
    }

    @Test
    void quantizePerAxis() {
        // x [2, 3, 2], axis 1 (default): s = [1, 0.5, 0.25], z = [0, 10, 20].
        Op q = quantize(node("QuantizeLinear", "q", Q_IN, Y));
        Tensor x = f(sh(2, 3, 2), 1, 2, 1, 2, 1, 2, -1, 3, 0.25f, 0.75f, 0.125f, 0.375f);
        Tensor y = run(q, 1, x, f(sh(3), 1, 0.5f, 0.25f), u8(sh(3), 0, 10, 20))[0];
        assertQuantized(y, Tensor.Type.UINT8, sh(2, 3, 2), 1, 2, 12, 14, 24, 28, 0, 3, 10, 12, 20, 22);
        // The same along axis -1 of a [3, 2] tensor: s = [1, 0.25], z = [0, 0].
        Op last = quantize(node("QuantizeLinear", "q", Q_IN, Y, i("axis", -1)));
        Tensor z = run(last, 1, f(sh(3, 2), 1, 1, 2, 2, 3, 3), f(sh(2), 1, 0.25f), u8(sh(2), 0, 0))[0];
        assertQuantized(z, Tensor.Type.UINT8, sh(3, 2), 1, 4, 2, 8, 3, 12);
    }

    @Test
    void dequantize() {
        // uint8 per tensor: (q - 128) * 0.5.
        Op d = op(node("DequantizeLinear", "d", Q_IN, Y));
        assertFloats(run(d, 1, u8(sh(3), 0, 128, 255), f(sh(), 0.5f), u8(sh(), 128))[0], sh(3), -64, 0, 63.5f);
        // int8 weights per output channel (axis 0), symmetric: row 0 * 0.1, row 1 * 2.
        Op w = op(node("DequantizeLinear", "d", Q_IN, Y, i("axis", 0)));
        assertFloats(run(w, 1, i8(sh(2, 3), -127, 0, 127, 1, -1, 64), f(sh(2), 0.1f, 2), i8(sh(2), 0, 0))[0],
                sh(2, 3), -127 * 0.1f, 0, 127 * 0.1f, 2, -2, 128);
        // axis -1 with an int8 zero point of -3.
        Op last = op(node("DequantizeLinear", "d", Q_IN, Y, i("axis", -1)));
        assertFloats(run(last, 1, i8(sh(2, 2), 1, 2, -3, 4), f(sh(2), 1, 10), i8(sh(2), -3, -3))[0], sh(2, 2),
                4, 50, 0, 70);
        // int32 (held as int64) without a zero point, as for a quantised bias.
        Op i32 = op(node("DequantizeLinear", "d", new String[] {"x", "s"}, Y));
        assertFloats(run(i32, 1, Tensor.of(sh(2), new long[] {-1000, 5}), f(sh(), 0.25f))[0], sh(2), -250, 1.25f);
    }

    @Test
    void fakeQuantizationPair() {
        // s = 0.5, z = 128: q = 128, 130, 255, 0, 129, 128 (0.25 / 0.5 = 0.5 ties to 0; 0.3 / 0.5 = 0.6 -> 1)
        // then (q - 128) * 0.5.
        Op pair = ((QuantizeOps.QuantizeLinear) quantize(node("QuantizeLinear", "q", Q_IN, Y))).withDequantize();
        Tensor y = run(pair, 1, f(sh(6), 0.25f, 0.75f, 100, -100, 0.3f, -0.25f), f(sh(), 0.5f), u8(sh(), 128))[0];
        assertFloats(y, sh(6), 0, 1, 63.5f, -64, 0.5f, 0);
        // Equal to QuantizeLinear then DequantizeLinear on random values, per tensor and per axis.
        Op q = quantize(node("QuantizeLinear", "q", Q_IN, Y));
        Op d = op(node("DequantizeLinear", "d", Q_IN, Y));
        SplittableRandom r = new SplittableRandom(7);
        float[] v = new float[2 * 3 * 50];
        for (int k = 0; k < v.length; k++) {
            v[k] = (float) (r.nextDouble(-3, 3));
        }
        Tensor x = f(sh(2, 3, 50), v);
        Tensor[][] params = {{f(sh(), 0.02f), u8(sh(), 100)}, {f(sh(), 0.01f), i8(sh(), 5)},
            {f(sh(3), 0.01f, 0.02f, 0.03f), u8(sh(3), 0, 128, 255)}};
        // Every tie k + 0.5 (and every integer) from -300 to 300, scale 1: rounding half to even and saturation
        // agree with QuantizeLinear's Math.rint path.
        float[] ties = new float[1202];
        for (int k = 0; k < ties.length; k++) {
            ties[k] = -300.5f + 0.5f * k;
        }
        Tensor t = f(sh(ties.length), ties);
        for (Tensor[] p : new Tensor[][] {{f(sh(), 1), u8(sh(), 128)}, {f(sh(), 1), i8(sh(), -7)}}) {
            float[] expected = Arrays.copyOf(run(d, 1, run(q, 1, t, p[0], p[1])[0], p[0], p[1])[0].floats(), t.size());
            assertFloats(run(pair, 1, t, p[0], p[1])[0], sh(ties.length), expected);
        }
        for (Tensor[] p : params) {
            Tensor quantized = run(q, 1, x, p[0], p[1])[0];
            float[] expected = Arrays.copyOf(run(d, 1, quantized, p[0], p[1])[0].floats(), x.size());
            assertFloats(run(pair, 1, x, p[0], p[1])[0], sh(2, 3, 50), expected);
        }
    }

    @Test
    void badParametersAreRefused() {
        Op q = quantize(node("QuantizeLinear", "q", Q_IN, Y));
        // Scale and zero point of different sizes; a per-axis scale that does not match the axis; int64 zero point.
        assertThrows(IllegalArgumentException.class,
                () -> run(q, 1, f(sh(2, 2), 1, 2, 3, 4), f(sh(2), 1, 1), u8(sh(), 0)));
        assertThrows(IllegalArgumentException.class,
                () -> run(q, 1, f(sh(2, 2), 1, 2, 3, 4), f(sh(3), 1, 1, 1), u8(sh(3), 0, 0, 0)));
        assertThrows(IllegalArgumentException.class,
                () -> run(q, 1, f(sh(2), 1, 2), f(sh(), 1), Tensor.of(sh(), new long[] {0})));
        // DequantizeLinear of a float tensor; a zero point of another type than the input.
        Op d = op(node("DequantizeLinear", "d", Q_IN, Y));
        assertThrows(IllegalArgumentException.class, () -> run(d, 1, f(sh(1), 1), f(sh(), 1), u8(sh(), 0)));
        assertThrows(IllegalArgumentException.class, () -> run(d, 1, u8(sh(1), 1), f(sh(), 1), i8(sh(), 0)));
        // Blocked quantisation (opset 21) and unknown attributes are refused at load time, naming the node.
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> op(node("DequantizeLinear", "w/dq", Q_IN, Y, i("block_size", 32))));
        assertTrue(e.getMessage().contains("'w/dq' (DequantizeLinear)"), e.getMessage());
        assertThrows(ModelLoadException.class,
                () -> op(node("QuantizeLinear", "q", Q_IN, Y, i("output_dtype", 1))));
        assertThrows(ModelLoadException.class, () -> op(node("QuantizeLinear", "q", Q_IN, Y, i("precision", 8))));
    }

    @Test
    void decodesInt8AndUint8Initializers() {
        TensorProto raw8 = TensorProto.newBuilder().setName("w").setDataType(3).addDims(4)
                .setRawData(ByteString.copyFrom(new byte[] {(byte) 0x80, (byte) 0xff, 0x7f, 0})).build();
        assertQuantized(TensorDecoder.decode(raw8), Tensor.Type.INT8, sh(4), -128, -1, 127, 0);
        TensorProto rawU8 = TensorProto.newBuilder().setName("z").setDataType(2)
                .setRawData(ByteString.copyFrom(new byte[] {(byte) 0x80})).build();
        assertQuantized(TensorDecoder.decode(rawU8), Tensor.Type.UINT8, sh(), 128);
        TensorProto typed = TensorProto.newBuilder().setName("z").setDataType(2).addDims(2).addInt32Data(255)
                .addInt32Data(3).build();
        assertQuantized(TensorDecoder.decode(typed), Tensor.Type.UINT8, sh(2), 255, 3);
        TensorProto outOfRange = TensorProto.newBuilder().setName("z").setDataType(3).addDims(1).addInt32Data(200)
                .build();
        assertThrows(IllegalArgumentException.class, () -> TensorDecoder.decode(outOfRange));
        // A quantised tensor survives detached() with its type; Cast to int8 is refused.
        assertQuantized(TensorDecoder.decode(raw8).detached(), Tensor.Type.INT8, sh(4), -128, -1, 127, 0);
        assertThrows(ModelLoadException.class, () -> op(node("Cast", "c", new String[] {"x"}, Y, i("to", 3))));
    }

    private static ValueInfoProto value(String name, int last) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("batch"))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("length"))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(last));
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(1).setShape(s))).build();
    }

    /**
     * positions [b, l, 2] → QuantizeLinear(0.5, 128) → DequantizeLinear(scale {@code dqScale}, 128) → Concat
     * with itself [b, l, 4] → Mul by w = DequantizeLinear([2, -1, 127, 0] int8, [0.5, 1, 0.01, 1], axis 0).
     */
    private static ModelProto model(String dqScale) {
        TensorProto wq = TensorProto.newBuilder().setName("wq").setDataType(3).addDims(4)
                .setRawData(ByteString.copyFrom(new byte[] {2, -1, 127, 0})).build();
        TensorProto wz = TensorProto.newBuilder().setName("wz").setDataType(3).addDims(4)
                .setRawData(ByteString.copyFrom(new byte[4])).build();
        TensorProto xz = TensorProto.newBuilder().setName("xz").setDataType(2)
                .setRawData(ByteString.copyFrom(new byte[] {(byte) 128})).build();
        GraphProto g = GraphProto.newBuilder()
                .addInput(value("positions", 2))
                .addOutput(value("probabilities", 4))
                .addInitializer(wq).addInitializer(wz).addInitializer(xz)
                .addInitializer(OnnxProtos.floats("ws", new long[] {4}, 0.5f, 1, 0.01f, 1))
                .addInitializer(OnnxProtos.floats("xs", new long[] {}, 0.5f))
                .addInitializer(OnnxProtos.floats("xs2", new long[] {}, 0.5f))
                .addNode(node("DequantizeLinear", "w/dq", new String[] {"wq", "ws", "wz"}, new String[] {"w"},
                        i("axis", 0)))
                .addNode(node("QuantizeLinear", "x/q", new String[] {"positions", "xs", "xz"}, new String[] {"q"}))
                .addNode(node("DequantizeLinear", "x/dq", new String[] {"q", dqScale, "xz"}, new String[] {"d"}))
                .addNode(node("Concat", "cat", new String[] {"d", "d"}, new String[] {"c"}, i("axis", 2)))
                .addNode(node("Mul", "mul", new String[] {"c", "w"}, new String[] {"probabilities"}))
                .build();
        return ModelProto.newBuilder().setIrVersion(8)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17)).setGraph(g).build();
    }

    @Test
    void compilerFoldsWeightsAndFusesThePair() {
        // x = [0.25, 0.8] -> fake-quantised [0, 1] (0.5 ties to 0, 1.6 -> 2 steps of 0.5);
        // [0, 1, 0, 1] * [1, -1, 1.27, 0] = [0, -1, 0, 0]. x = [-70, 3] -> [-64, 3] -> [-64, -3, -81.28, 0].
        Tensor x = Tensor.of(sh(1, 2, 2), new float[] {0.25f, 0.8f, -70, 3});
        float[] expected = {0, -1, 0, 0, -64, -3, -64 * (127 * 0.01f), 0};
        Program fused = ModelCompiler.compile(model("xs").toByteArray(), "qdq", 2, Kernels.scalar());
        assertArrayEquals(new String[] {"QuantizeLinear+DequantizeLinear", "Concat", "Mul"}, fused.stepOps());
        assertFloats(fused.run(x, new Arena()), sh(1, 2, 4), expected);
        // Another scale initializer (same value): not fused, the integer tensor between two steps, same result.
        Program apart = ModelCompiler.compile(model("xs2").toByteArray(), "qdq", 2, Kernels.scalar());
        assertArrayEquals(new String[] {"QuantizeLinear", "DequantizeLinear", "Concat", "Mul"}, apart.stepOps());
        assertFloats(apart.run(x, new Arena()), sh(1, 2, 4), expected);
    }
}
