package org.deepspt.jvm.impl;

import static org.deepspt.jvm.impl.Nodes.f;
import static org.deepspt.jvm.impl.Nodes.op;
import static org.deepspt.jvm.impl.Nodes.run;
import static org.deepspt.jvm.impl.Nodes.sh;
import static org.deepspt.jvm.testing.OnnxProtos.i;
import static org.deepspt.jvm.testing.OnnxProtos.node;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.deepspt.api.inference.ModelLoadException;
import org.deepspt.jvm.impl.onnx.NodeProto;
import org.deepspt.jvm.testing.OnnxProtos;
import org.junit.jupiter.api.Test;

/**
 * Gemm and MatMul (the dense layers of the streaming models). Expected values from numpy:
 * A = [[1, 2, 3], [-1, 0.5, 2]], B = [[1, 0], [2, −1], [0.5, 3]], C = [0.25, −1]: A·B + C = [[6.75, 6], [1.25,
 * 4.5]], 2·A·B + 0.5·C = [[13.125, 13.5], [2.125, 10.5]]; (arange(12) / 4).reshape(2, 2, 3)·B = [0.75, 1.25,
 * 3.375, 2.75, 6, 4.25, 8.625, 5.75].
 */
class LinearOpsGoldenTest {
    private static final float[] A = {1, 2, 3, -1, 0.5f, 2};
    private static final float[] B = {1, 0, 2, -1, 0.5f, 3};
    private static final float[] B_T = {1, 2, 0.5f, 0, -1, 3};

    private static void assertFloats(Tensor t, int[] shape, float... expected) {
        assertArrayEquals(shape, t.shape(), "shape");
        assertArrayEquals(expected, Arrays.copyOf(t.floats(), t.size()), 1e-6f);
    }

    @Test
    void gemmWithBiasAndTransposedWeight() {
        NodeProto plain = node("Gemm", "g", new String[] {"a", "b", "c"}, new String[] {"y"});
        Op op = op(plain, (Tensor) null, f(sh(3, 2), B), f(sh(2), 0.25f, -1));
        assertFloats(run(op, 1, f(sh(2, 3), A))[0], sh(2, 2), 6.75f, 6f, 1.25f, 4.5f);
        // what torch exports for nn.Linear: transB = 1, weight [N, K]; with alpha and beta
        NodeProto linear = node("Gemm", "l", new String[] {"a", "b", "c"}, new String[] {"y"}, i("transB", 1),
                OnnxProtos.f("alpha", 2f), OnnxProtos.f("beta", 0.5f));
        Op op2 = op(linear, (Tensor) null, f(sh(2, 3), B_T), f(sh(1, 2), 0.25f, -1));
        assertFloats(run(op2, 1, f(sh(2, 3), A))[0], sh(2, 2), 13.125f, 13.5f, 2.125f, 10.5f);
        // no bias
        NodeProto noBias = node("Gemm", "n", new String[] {"a", "b"}, new String[] {"y"});
        assertFloats(run(op(noBias, (Tensor) null, f(sh(3, 2), B)), 1, f(sh(2, 3), A))[0], sh(2, 2), 6.5f, 7f, 1f, 5.5f);
    }

    @Test
    void matMulOverLeadingAxes() {
        NodeProto n = node("MatMul", "m", new String[] {"a", "b"}, new String[] {"y"});
        float[] a = new float[12];
        for (int k = 0; k < 12; k++) {
            a[k] = k / 4f;
        }
        assertFloats(run(op(n, (Tensor) null, f(sh(3, 2), B)), 1, f(sh(2, 2, 3), a))[0], sh(2, 2, 2), 0.75f, 1.25f, 3.375f,
                2.75f, 6f, 4.25f, 8.625f, 5.75f);
    }

    @Test
    void unsupportedFormsAreRefusedAtLoad() {
        NodeProto transA = node("Gemm", "t", new String[] {"a", "b"}, new String[] {"y"}, i("transA", 1));
        assertThrows(ModelLoadException.class, () -> op(transA, (Tensor) null, f(sh(3, 2), B)));
        NodeProto runtimeB = node("MatMul", "r", new String[] {"a", "b"}, new String[] {"y"});
        assertThrows(ModelLoadException.class, () -> op(runtimeB, (Tensor) null, (Tensor) null));
        NodeProto badBias = node("Gemm", "c", new String[] {"a", "b", "c"}, new String[] {"y"});
        assertThrows(ModelLoadException.class, () -> op(badBias, (Tensor) null, f(sh(3, 2), B), f(sh(3), 1, 2, 3)));
    }
}
