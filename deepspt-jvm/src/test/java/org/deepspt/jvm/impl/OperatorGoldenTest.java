package org.deepspt.jvm.impl;

import static org.deepspt.jvm.impl.Nodes.f;
import static org.deepspt.jvm.impl.Nodes.l;
import static org.deepspt.jvm.impl.Nodes.op;
import static org.deepspt.jvm.impl.Nodes.run;
import static org.deepspt.jvm.impl.Nodes.sh;
import static org.deepspt.jvm.testing.OnnxProtos.i;
import static org.deepspt.jvm.testing.OnnxProtos.ints;
import static org.deepspt.jvm.testing.OnnxProtos.node;
import static org.deepspt.jvm.testing.OnnxProtos.s;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.deepspt.jvm.impl.onnx.NodeProto;
import org.deepspt.jvm.testing.OnnxProtos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One golden test per operator: small cases computed by hand from the ONNX operator specification. */
class OperatorGoldenTest {
    private static final String[] XY = {"x", "y"};
    private static final String[] X = {"x"};
    private static final String[] Z = {"z"};

    private static void assertFloats(Tensor t, int[] shape, float... expected) {
        assertArrayEquals(shape, t.shape(), "shape");
        assertArrayEquals(expected, Arrays.copyOf(t.floats(), t.size()), 1e-6f);
    }

    private static void assertLongs(Tensor t, int[] shape, long... expected) {
        assertArrayEquals(shape, t.shape(), "shape");
        assertArrayEquals(expected, Arrays.copyOf(t.longs(), t.size()));
    }

    static List<Conv1dKernel> kernels() {
        return Kernels.vectorApiAvailable()
                ? List.of(Kernels.scalar(), Kernels.vector("vector-blocked-4"), Kernels.vector("vector-blocked-8"),
                        Kernels.vector("vector-accumulate"))
                : List.of(Kernels.scalar());
    }

    @Test
    void convPadsBias() {
        // y[t] = x[t-1] - x[t+1] + 0.5 on [1, 2, 3, 4] with zero padding 1 each side.
        NodeProto n = node("Conv", "c", new String[] {"x", "w", "b"}, Z, ints("pads", 1, 1), ints("kernel_shape", 3));
        for (Conv1dKernel k : kernels()) {
            Op op = op(n, k, null, f(sh(1, 1, 3), 1, 0, -1), f(sh(1), 0.5f));
            assertFloats(run(op, 1, f(sh(1, 1, 4), 1, 2, 3, 4))[0], sh(1, 1, 4), -1.5f, -1.5f, -1.5f, 3.5f);
            // Fused ReLU clamps the negatives.
            Op relu = ((NnOps.Conv) op).withRelu();
            assertFloats(run(relu, 1, f(sh(1, 1, 4), 1, 2, 3, 4))[0], sh(1, 1, 4), 0, 0, 0, 3.5f);
        }
    }

    @Test
    void convChannelsBatchDilation() {
        // Two input channels, two outputs, 1x1: co0 = ch0 + ch1, co1 = 2 ch0 - ch1; batch of 2.
        NodeProto n = node("Conv", "c", new String[] {"x", "w"}, Z);
        for (Conv1dKernel k : kernels()) {
            Op op = op(n, k, null, f(sh(2, 2, 1), 1, 1, 2, -1));
            Tensor y = run(op, 1, f(sh(2, 2, 3), 1, 2, 3, 4, 5, 6, 0, 0, 1, 1, 0, 0))[0];
            assertFloats(y, sh(2, 2, 3), 5, 7, 9, -2, -1, 0, 1, 0, 1, -1, 0, 2);
        }
        // Dilation 2, taps [1, 10]: y[t] = x[t] + 10 x[t+2].
        NodeProto d = node("Conv", "d", new String[] {"x", "w"}, Z, ints("dilations", 2));
        for (Conv1dKernel k : kernels()) {
            Op op = op(d, k, null, f(sh(1, 1, 2), 1, 10));
            assertFloats(run(op, 1, f(sh(1, 1, 5), 1, 2, 3, 4, 5))[0], sh(1, 1, 3), 31, 42, 53);
        }
    }

    @Test
    void relu() {
        assertFloats(run(op(node("Relu", "r", X, Z)), 1, f(sh(3), -1, 0, 2))[0], sh(3), 0, 0, 2);
    }

    @Test
    void sqrt() {
        assertFloats(run(op(node("Sqrt", "r", X, Z)), 1, f(sh(2), 4, 9))[0], sh(2), 2, 3);
    }

    @Test
    void log() {
        // ln 1 = 0, ln e = 1, ln 1e-4 = -9.2103404, ln 0 = -inf, ln(-1) = NaN (as ONNX Runtime gives).
        Tensor y = run(op(node("Log", "l", X, Z)), 1, f(sh(5), 1, (float) Math.E, 1e-4f, 0, -1))[0];
        assertArrayEquals(sh(5), y.shape(), "shape");
        assertArrayEquals(new float[] {0, 1, -9.2103404f}, Arrays.copyOf(y.floats(), 3), 1e-6f);
        assertEquals(Float.NEGATIVE_INFINITY, y.floats()[3]);
        assertEquals(Float.NaN, y.floats()[4]);
    }

    @Test
    void fusedGroupNorm() {
        // x [1, 4, 2], 2 groups: {1, 3, 5, 7} has mean 4 and variance 5, {0, 0, 2, 2} mean 1, variance 1 (ε = 0);
        // w = [1, 2, 1, 0.5], β = [0, 1, 0, -1].
        Tensor x = f(sh(1, 4, 2), 1, 3, 5, 7, 0, 0, 2, 2);
        Tensor[] in = {x, l(sh(3), 1, 2, -1), f(sh(4, 1), 1, 2, 1, 0.5f), f(sh(4, 1), 0, 1, 0, -1), l(sh(3), 1, 4, 2)};
        float r = (float) (1 / Math.sqrt(5));
        assertFloats(run(new FusedGroupNorm(false, 0), 1, in)[0], sh(1, 4, 2), -3 * r, -r, 2 * r + 1, 6 * r + 1,
                -1, -1, -0.5f, -0.5f);
        assertFloats(run(new FusedGroupNorm(true, 0), 1, in)[0], sh(1, 4, 2), 0, 0, 2 * r + 1, 6 * r + 1, 0, 0, 0, 0);
        // The InstanceNormalization form's shapes [0, G, -1] and [0, C, -1] give the same result.
        in[1] = l(sh(3), 0, 2, -1);
        in[4] = l(sh(3), 0, 4, -1);
        assertFloats(run(new FusedGroupNorm(false, 0), 1, in)[0], sh(1, 4, 2), -3 * r, -r, 2 * r + 1, 6 * r + 1,
                -1, -1, -0.5f, -0.5f);
        // ε = 1: the divisors become √6 and √2.
        float q = (float) (1 / Math.sqrt(6));
        float h = (float) (1 / Math.sqrt(2));
        assertFloats(run(new FusedGroupNorm(false, 1), 1, in)[0], sh(1, 4, 2), -3 * q, -q, 2 * q + 1, 6 * q + 1,
                -h, -h, 0.5f * h - 1, 0.5f * h - 1);
        // 4 channels do not split into 3 groups; a group reshape that mixes tracks or a reshape back to another
        // shape is refused.
        in[1] = l(sh(3), 1, 3, -1);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> run(new FusedGroupNorm(false, 0), 1, in));
        Tensor[] two = in.clone();
        two[0] = f(sh(2, 4, 1), 1, 3, 5, 7, 0, 0, 2, 2);
        two[1] = l(sh(3), 1, 2, -1);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> run(new FusedGroupNorm(false, 0), 1, two));
        in[1] = l(sh(3), 1, 2, -1);
        in[4] = l(sh(3), 1, 2, 4);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> run(new FusedGroupNorm(false, 0), 1, in));
    }

    @Test
    void instanceNormalization() {
        // x [2, 2, 3], γ = [2, 0.5], B = [1, -1], ε = 0.01. Track 0, channel 0: {1, 2, 3} has μ = 2, σ² = 2/3, so
        // y = 2 (x − 2) / √(2/3 + 0.01) + 1 = 1 ∓ 2.4313227; a constant row {4, 4, 4} gives B. (Checked with numpy.)
        NodeProto n = node("InstanceNormalization", "in", new String[] {"x", "s", "b"}, Z,
                OnnxProtos.f("epsilon", 0.01f));
        Tensor x = f(sh(2, 2, 3), 1, 2, 3, 0, 0, 6, -1, 1, -1, 4, 4, 4);
        assertFloats(run(op(n), 1, x, f(sh(2), 2, 0.5f), f(sh(2), 1, -1))[0], sh(2, 2, 3), -1.4313227f, 1, 3.4313228f,
                -1.3533326f, -1.3533326f, -0.29333475f, -0.4063251f, 3.8126502f, -0.4063251f, -1, -1, -1);
        // Two spatial axes, default ε = 1e-5: {1, 2, 3, 6} has μ = 3, σ² = 3.5.
        NodeProto d = node("InstanceNormalization", "in", new String[] {"x", "s", "b"}, Z);
        assertEquals(1e-5f, ((NnOps.InstanceNormalization) op(d)).epsilon());
        assertFloats(run(op(d), 1, f(sh(1, 1, 2, 2), 1, 2, 3, 6), f(sh(1), 1), f(sh(1), 0))[0], sh(1, 1, 2, 2),
                -1.0690434f, -0.5345217f, 0, 1.6035652f);
        // Scale and B must have one value per channel.
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> run(op(d), 1, x, f(sh(3), 1, 1, 1), f(sh(2), 0, 0)));
    }

    @Test
    void exp() {
        // e^0 = 1, e^1 = e, e^-9.2103404 = 1e-4, e^-inf = 0 (the length temperature uses exp(-(a + b ln N))).
        assertFloats(run(op(node("Exp", "e", X, Z)), 1, f(sh(4), 0, 1, -9.2103404f, Float.NEGATIVE_INFINITY))[0],
                sh(4), 1, (float) Math.E, 1e-4f, 0);
    }

    @Test
    void maxPool() {
        NodeProto n = node("MaxPool", "p", X, Z, ints("kernel_shape", 2), ints("strides", 2));
        assertFloats(run(op(n), 1, f(sh(1, 1, 5), 1, 5, 2, 3, 9))[0], sh(1, 1, 2), 5, 3);
        NodeProto c = node("MaxPool", "p", X, Z, ints("kernel_shape", 2), ints("strides", 2), i("ceil_mode", 1));
        assertFloats(run(op(c), 1, f(sh(1, 1, 5), 1, 5, 2, 3, 9))[0], sh(1, 1, 3), 5, 3, 9);
        NodeProto p = node("MaxPool", "p", X, Z, ints("kernel_shape", 3), ints("pads", 1, 1));
        assertFloats(run(op(p), 1, f(sh(1, 1, 3), -1, -3, -2))[0], sh(1, 1, 3), -1, -1, -2);
    }

    @Test
    void resizeNearest() {
        NodeProto n = node("Resize", "r", new String[] {"x", "", "scales"}, Z,
                s("coordinate_transformation_mode", "asymmetric"), s("mode", "nearest"), s("nearest_mode", "floor"));
        Op op = op(n);
        assertFloats(run(op, 1, f(sh(1, 1, 3), 1, 2, 3), null, f(sh(3), 1, 1, 2))[0], sh(1, 1, 6), 1, 1, 2, 2, 3, 3);
        // half_pixel, round_prefer_floor: source coordinates -0.25, 0.25, 0.75, 1.25 -> 0, 0, 1, 1.
        NodeProto h = node("Resize", "r", new String[] {"x", "", "scales"}, Z, s("mode", "nearest"));
        assertFloats(run(op(h), 1, f(sh(1, 2), 1, 2), null, f(sh(2), 1, 2))[0], sh(1, 4), 1, 1, 2, 2);
        // sizes instead of scales.
        NodeProto z = node("Resize", "r", new String[] {"x", "", "", "sizes"}, Z,
                s("coordinate_transformation_mode", "asymmetric"), s("nearest_mode", "floor"));
        assertFloats(run(op(z), 1, f(sh(1, 2), 1, 2), null, null, l(sh(2), 1, 4))[0], sh(1, 4), 1, 1, 2, 2);
    }

    @Test
    void upsampleNearest() {
        NodeProto n = node("Upsample", "u", new String[] {"x", "scales"}, Z, s("mode", "nearest"));
        assertFloats(run(op(n), 1, f(sh(1, 1, 2), 4, 5), f(sh(3), 1, 1, 3))[0], sh(1, 1, 6), 4, 4, 4, 5, 5, 5);
    }

    @Test
    void softmax() {
        Tensor y = run(op(node("Softmax", "s", X, Z)), 1, f(sh(2, 2), 0, (float) Math.log(3), 5, 5))[0];
        assertFloats(y, sh(2, 2), 0.25f, 0.75f, 0.5f, 0.5f);
        Tensor y0 = run(op(node("Softmax", "s", X, Z, i("axis", 0))), 1, f(sh(2, 1), 0, (float) Math.log(3)))[0];
        assertFloats(y0, sh(2, 1), 0.25f, 0.75f);
    }

    @Test
    void concatWithEmptyInput() {
        Op op = op(node("Concat", "c", new String[] {"a", "b", "c"}, Z, i("axis", -1)));
        Tensor y = run(op, 1, f(sh(1, 2, 1), 1, 2), f(sh(1, 2, 0)), f(sh(1, 2, 2), 3, 4, 5, 6))[0];
        assertFloats(y, sh(1, 2, 3), 1, 3, 4, 2, 5, 6);
        Op op1 = op(node("Concat", "c", XY, Z, i("axis", 0)));
        assertLongs(run(op1, 1, l(sh(1), -1), l(sh(2), 7, 8))[0], sh(3), -1, 7, 8);
    }

    @Test
    void slice() {
        Op op = op(node("Slice", "s", new String[] {"x", "st", "en", "ax", "sp"}, Z));
        Tensor x = f(sh(10), 0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertFloats(run(op, 1, x, l(sh(1), -3), l(sh(1), Long.MAX_VALUE), null, null)[0], sh(3), 7, 8, 9);
        assertFloats(run(op, 1, x, l(sh(1), 8), l(sh(1), 1), l(sh(1), 0), l(sh(1), -2))[0], sh(4), 8, 6, 4, 2);
        assertFloats(run(op, 1, x, l(sh(1), 5), l(sh(1), 2), null, null)[0], sh(0));
        // 2-D, axis 1 only: [[1,2,3],[4,5,6]][:, 1:] and axis 0, 0:-1.
        Tensor m = f(sh(2, 3), 1, 2, 3, 4, 5, 6);
        assertFloats(run(op, 1, m, l(sh(1), 1), l(sh(1), 100), l(sh(1), -1), null)[0], sh(2, 2), 2, 3, 5, 6);
        assertFloats(run(op, 1, m, l(sh(1), 0), l(sh(1), -1), l(sh(1), 0), null)[0], sh(1, 3), 1, 2, 3);
    }

    @Test
    void unsqueeze() {
        Op op = op(node("Unsqueeze", "u", XY, Z));
        Tensor y = run(op, 1, f(sh(2, 3), 1, 2, 3, 4, 5, 6), l(sh(1), -1))[0];
        assertFloats(y, sh(2, 3, 1), 1, 2, 3, 4, 5, 6);
        assertArrayEquals(sh(1, 2, 3, 1), run(op, 1, f(sh(2, 3), 1, 2, 3, 4, 5, 6), l(sh(2), 0, 3))[0].shape());
        assertLongs(run(op, 1, l(sh(), 5), l(sh(1), 0))[0], sh(1), 5);
    }

    @Test
    void arithmeticWithBroadcast() {
        Tensor a = f(sh(2, 1), 1, 2);
        Tensor b = f(sh(3), 10, 20, 30);
        assertFloats(run(op(node("Mul", "m", XY, Z)), 1, a, b)[0], sh(2, 3), 10, 20, 30, 20, 40, 60);
        assertFloats(run(op(node("Add", "m", XY, Z)), 1, a, b)[0], sh(2, 3), 11, 21, 31, 12, 22, 32);
        assertFloats(run(op(node("Sub", "m", XY, Z)), 1, a, b)[0], sh(2, 3), -9, -19, -29, -8, -18, -28);
        assertFloats(run(op(node("Div", "m", XY, Z)), 1, b, f(sh(), 10))[0], sh(3), 1, 2, 3);
        // int64 division truncates toward zero.
        assertLongs(run(op(node("Div", "m", XY, Z)), 1, l(sh(2), 7, -7), l(sh(), 2))[0], sh(2), 3, -3);
        assertLongs(run(op(node("Sub", "m", XY, Z)), 1, l(sh(), 16), l(sh(), 9))[0], sh(), 7);
    }

    @Test
    void mod() {
        Tensor a = l(sh(3), -7, 7, 16);
        Tensor b = l(sh(), 3);
        assertLongs(run(op(node("Mod", "m", XY, Z, i("fmod", 0))), 1, a, b)[0], sh(3), 2, 1, 1);
        assertLongs(run(op(node("Mod", "m", XY, Z, i("fmod", 1))), 1, a, b)[0], sh(3), -1, 1, 1);
        assertFloats(run(op(node("Mod", "m", XY, Z, i("fmod", 1))), 1, f(sh(1), -7.5f), f(sh(1), 2))[0], sh(1), -1.5f);
    }

    @Test
    void equalAndWhere() {
        Tensor eq = run(op(node("Equal", "e", XY, Z)), 1, l(sh(3), -1, 2, -1), l(sh(3), -1, -1, -1))[0];
        assertArrayEquals(new boolean[] {true, false, true}, Arrays.copyOf(eq.bools(), 3));
        Tensor w = run(op(node("Where", "w", new String[] {"c", "x", "y"}, Z)), 1, eq, l(sh(3), 1, 1, 1),
                l(sh(3), -1, 2, -1))[0];
        assertLongs(w, sh(3), 1, 2, 1);
        Tensor wb = run(op(node("Where", "w", new String[] {"c", "x", "y"}, Z)), 1, eq, f(sh(), 0),
                f(sh(2, 1), 5, 6))[0];
        assertFloats(wb, sh(2, 3), 0, 5, 0, 0, 6, 0);
    }

    @Test
    void shapeAndGather() {
        Tensor x = f(sh(2, 3, 4), new float[24]);
        assertLongs(run(op(node("Shape", "s", X, Z)), 1, x)[0], sh(3), 2, 3, 4);
        assertLongs(run(op(node("Shape", "s", X, Z, i("start", 1))), 1, x)[0], sh(2), 3, 4);
        Op g0 = op(node("Gather", "g", XY, Z, i("axis", 0)));
        assertLongs(run(g0, 1, l(sh(3), 2, 3, 4), l(sh(), 1))[0], sh(), 3);
        assertLongs(run(g0, 1, l(sh(3), 2, 3, 4), l(sh(1), -1))[0], sh(1), 4);
        Op g2 = op(node("Gather", "g", XY, Z, i("axis", 2)));
        assertFloats(run(g2, 1, f(sh(1, 2, 3), 1, 2, 3, 4, 5, 6), l(sh(), 0))[0], sh(1, 2), 1, 4);
    }

    @Test
    void reduceMeanWithAxesAttribute() {
        Tensor x = f(sh(2, 3), 1, 2, 3, 4, 5, 9);
        assertFloats(run(op(node("ReduceMean", "m", X, Z, ints("axes", -1))), 1, x)[0], sh(2, 1), 2, 6);
        assertFloats(run(op(node("ReduceMean", "m", X, Z, ints("axes", 0), i("keepdims", 0))), 1, x)[0], sh(3),
                2.5f, 3.5f, 6);
        assertFloats(run(op(node("ReduceMean", "m", X, Z)), 1, x)[0], sh(1, 1), 4);
    }

    @Test
    void transpose() {
        Op op = op(node("Transpose", "t", X, Z, ints("perm", 0, 2, 1)));
        assertFloats(run(op, 1, f(sh(1, 2, 3), 1, 2, 3, 4, 5, 6))[0], sh(1, 3, 2), 1, 4, 2, 5, 3, 6);
        assertFloats(run(op(node("Transpose", "t", X, Z)), 1, f(sh(2, 2), 1, 2, 3, 4))[0], sh(2, 2), 1, 3, 2, 4);
    }

    @Test
    void reduceSum() {
        Tensor x = f(sh(2, 2), 1, 2, 3, 4);
        assertFloats(run(op(node("ReduceSum", "r", XY, Z, i("keepdims", 0))), 1, x, l(sh(1), -1))[0], sh(2), 3, 7);
        assertFloats(run(op(node("ReduceSum", "r", XY, Z)), 1, x, l(sh(1), 0))[0], sh(1, 2), 4, 6);
        assertFloats(run(op(node("ReduceSum", "r", X, Z, i("keepdims", 0))), 1, x)[0], sh(), 10);
    }

    @Test
    void constantOfShapeAndConstant() {
        Op c0 = op(node("ConstantOfShape", "c", X, Z, OnnxProtos.t("value", OnnxProtos.floats("v", new long[] {1}, 0f))));
        assertFloats(run(c0, 1, l(sh(2), 2, 1))[0], sh(2, 1), 0, 0);
        Op c1 = op(node("ConstantOfShape", "c", X, Z, OnnxProtos.t("value", OnnxProtos.longs("v", new long[] {1}, 1))));
        assertLongs(run(c1, 1, l(sh(1), 3))[0], sh(3), 1, 1, 1);
        assertLongs(run(c1, 1, l(sh(1), 0))[0], sh(0));
        Op k = op(node("Constant", "k", new String[0], Z, OnnxProtos.t("value", OnnxProtos.longs("v", new long[0], 16))));
        assertLongs(run(k, 1)[0], sh(), 16);
    }

    @Test
    void cast() {
        Op toLong = op(node("Cast", "c", X, Z, i("to", 7)));
        assertLongs(run(toLong, 1, f(sh(2), 1.7f, -1.7f))[0], sh(2), 1, -1);
        assertLongs(run(toLong, 1, l(sh(1), 68))[0], sh(1), 68);
        Op toFloat = op(node("Cast", "c", X, Z, i("to", 1)));
        assertFloats(run(toFloat, 1, l(sh(1), 3))[0], sh(1), 3);
    }

    @Test
    void topK() {
        Op op = op(node("TopK", "t", XY, new String[] {"v", "i"}, i("axis", 1), i("largest", 0)));
        Tensor[] r = run(op, 2, f(sh(1, 4), 3, 1, 2, 1), l(sh(1), 3));
        assertFloats(r[0], sh(1, 3), 1, 1, 2);
        assertLongs(r[1], sh(1, 3), 1, 3, 2);
        Op big = op(node("TopK", "t", XY, new String[] {"v", "i"}));
        Tensor[] b = run(big, 2, f(sh(5), -1, 4, 0, 4, -2), l(sh(1), 2));
        assertFloats(b[0], sh(2), 4, 4);
        assertLongs(b[1], sh(2), 1, 3);
    }

    @Test
    void clip() {
        Op op = op(node("Clip", "c", new String[] {"x", "lo", ""}, Z));
        assertFloats(run(op, 1, f(sh(2), 0, 5), f(sh(), 1e-9f), null)[0], sh(2), 1e-9f, 5);
        Op both = op(node("Clip", "c", new String[] {"x", "lo", "hi"}, Z));
        assertFloats(run(both, 1, f(sh(3), -2, 0.5f, 2), f(sh(), -1), f(sh(), 1))[0], sh(3), -1, 0.5f, 1);
    }

    @Test
    void reshape() {
        Op op = op(node("Reshape", "r", XY, Z));
        Tensor x = f(sh(2, 3), 1, 2, 3, 4, 5, 6);
        assertFloats(run(op, 1, x, l(sh(2), 0, -1))[0], sh(2, 3), 1, 2, 3, 4, 5, 6);
        assertFloats(run(op, 1, x, l(sh(1), -1))[0], sh(6), 1, 2, 3, 4, 5, 6);
        assertLongs(run(op, 1, l(sh(3), -1, -1, 4), l(sh(1), -1))[0], sh(3), -1, -1, 4);
        // The GroupNorm-as-InstanceNormalization pattern: [0, G, -1] copies the batch and infers the rest,
        // [0, C, -1] gives the shape back (allowzero = 0, the default).
        Tensor g = run(op, 1, f(sh(2, 4, 1), 1, 2, 3, 4, 5, 6, 7, 8), l(sh(3), 0, 2, -1))[0];
        assertFloats(g, sh(2, 2, 2), 1, 2, 3, 4, 5, 6, 7, 8);
        assertFloats(run(op, 1, g, l(sh(3), 0, 4, -1))[0], sh(2, 4, 1), 1, 2, 3, 4, 5, 6, 7, 8);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> run(op, 1, x, l(sh(2), -1, -1)));
        // allowzero = 1: a 0 is a dimension of size 0, not a copy.
        Op zero = op(node("Reshape", "r", XY, Z, i("allowzero", 1)));
        assertFloats(run(zero, 1, f(sh(0, 3)), l(sh(2), 3, 0))[0], sh(3, 0));
    }

    @Test
    void expand() {
        Op op = op(node("Expand", "e", XY, Z));
        assertFloats(run(op, 1, f(sh(3, 1), 1, 2, 3), l(sh(3), 1, 1, 2))[0], sh(1, 3, 2), 1, 1, 2, 2, 3, 3);
        assertFloats(run(op, 1, f(sh(1, 2, 1), 7, 8), l(sh(3), 1, 1, 0))[0], sh(1, 2, 0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"floor", "ceil", "round_prefer_floor", "round_prefer_ceil"})
    void resizeNearestModesOnHalfPixelTies(String mode) {
        // align_corners, 2 -> 3: source coordinates 0, 0.5, 1.
        NodeProto n = node("Resize", "r", new String[] {"x", "", "", "sizes"}, Z,
                s("coordinate_transformation_mode", "align_corners"), s("nearest_mode", mode));
        Tensor y = run(op(n), 1, f(sh(2), 1, 2), null, null, l(sh(1), 3))[0];
        float mid = mode.equals("floor") || mode.equals("round_prefer_floor") ? 1 : 2;
        assertFloats(y, sh(3), 1, mid, 2);
        assertEquals(3, y.size());
    }
}
