package org.deepspt.jvm.impl;

import static org.deepspt.jvm.testing.OnnxProtos.i;
import static org.deepspt.jvm.testing.OnnxProtos.ints;
import static org.deepspt.jvm.testing.OnnxProtos.node;
import static org.deepspt.jvm.testing.OnnxProtos.value;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deepspt.jvm.impl.onnx.AttributeProto;
import org.deepspt.jvm.impl.onnx.GraphProto;
import org.deepspt.jvm.impl.onnx.ModelProto;
import org.deepspt.jvm.impl.onnx.NodeProto;
import org.deepspt.jvm.impl.onnx.OperatorSetIdProto;
import org.deepspt.jvm.impl.onnx.TensorProto;
import org.deepspt.jvm.testing.OnnxProtos;
import org.junit.jupiter.api.Test;

/**
 * GroupNorm (G = 2 groups of C = 4 channels) + Relu in a small model, Transpose → Conv → GroupNorm → Relu →
 * Transpose → Softmax, in the two forms {@link GroupNormFusion} recognises: torch's elementwise export (group shape
 * built at run time from Shape/Gather/Unsqueeze/Concat, as torch writes it) and the InstanceNormalization rewrite
 * of {@code models/training/instance_norm.py}. Each compiles to one fused GroupNorm+Relu step and gives what the
 * ordinary operators give node by node; an InstanceNormalization whose scale is not all ones is left unfused.
 */
class GroupNormFusionTest {
    private static final float EPS = 1e-5f;
    private static final float[] W = {1.5f, 0.5f, 1f, 2f};
    private static final float[] BETA = {0.1f, -0.2f, 0f, 0.3f};

    private static String[] in(String... names) {
        return names;
    }

    /** The model around a GroupNorm of {@code c} into {@code r}; {@code groupNorm} adds its nodes and constants. */
    private static ModelProto model(java.util.function.Consumer<GraphProto.Builder> groupNorm) {
        float[] w = new float[4 * 2 * 3];
        for (int k = 0; k < w.length; k++) {
            w[k] = (k % 7 - 3) * 0.25f + k * 0.01f;
        }
        GraphProto.Builder g = GraphProto.newBuilder()
                .addInput(value("positions", "batch", "length", 2))
                .addOutput(value("probabilities", "batch", "length", 4))
                .addInitializer(OnnxProtos.floats("w", new long[] {4, 2, 3}, w))
                .addInitializer(OnnxProtos.floats("b", new long[] {4}, 0.1f, -0.1f, 0.2f, 0f))
                .addNode(node("Transpose", "/in/Transpose", in("positions"), in("t"), ints("perm", 0, 2, 1)))
                .addNode(node("Conv", "/net/Conv", in("t", "w", "b"), in("c"), ints("pads", 1, 1),
                        ints("kernel_shape", 3)));
        groupNorm.accept(g);
        g.addNode(node("Transpose", "/out/Transpose", in("r"), in("u"), ints("perm", 0, 2, 1)))
                .addNode(node("Softmax", "/out/Softmax", in("u"), in("probabilities"), i("axis", -1)));
        return ModelProto.newBuilder().setIrVersion(8)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17)).setGraph(g).build();
    }

    private static NodeProto constant(String name, TensorProto value) {
        return node("Constant", name, in(), in(name), OnnxProtos.t("value", value));
    }

    /** torch's export: Reshape, ReduceMean, Sub, Mul, ReduceMean, Add(ε), Sqrt, Div, Reshape, Mul(w), Add(β), Relu. */
    static ModelProto elementwise() {
        return model(g -> g
                .addInitializer(OnnxProtos.floats("gn.w", new long[] {1, 4, 1}, W))
                .addInitializer(OnnxProtos.floats("gn.beta", new long[] {1, 4, 1}, BETA))
                .addInitializer(OnnxProtos.longs("zero", new long[0], 0))
                .addInitializer(OnnxProtos.longs("groups_tail", new long[] {2}, 2, -1))
                .addNode(constant("eps", OnnxProtos.floats("eps", new long[0], EPS)))
                .addNode(node("Shape", "gn/Shape", in("c"), in("shape")))
                .addNode(node("Gather", "gn/Gather", in("shape", "zero"), in("batch"), i("axis", 0)))
                .addNode(node("Unsqueeze", "gn/Unsqueeze", in("batch", "axes0"), in("batch1")))
                .addInitializer(OnnxProtos.longs("axes0", new long[] {1}, 0))
                .addNode(node("Concat", "gn/Concat", in("batch1", "groups_tail"), in("gshape"), i("axis", 0)))
                .addNode(node("Reshape", "gn/Reshape", in("c", "gshape"), in("g"), i("allowzero", 0)))
                .addNode(node("ReduceMean", "gn/ReduceMean", in("g"), in("mu"), ints("axes", -1), i("keepdims", 1)))
                .addNode(node("Sub", "gn/Sub", in("g", "mu"), in("d")))
                .addNode(node("Mul", "gn/Mul", in("d", "d"), in("sq")))
                .addNode(node("ReduceMean", "gn/ReduceMean_1", in("sq"), in("var"), ints("axes", -1),
                        i("keepdims", 1)))
                .addNode(node("Add", "gn/Add", in("var", "eps"), in("ve")))
                .addNode(node("Sqrt", "gn/Sqrt", in("ve"), in("sd")))
                .addNode(node("Div", "gn/Div", in("d", "sd"), in("n")))
                .addNode(node("Reshape", "gn/Reshape_1", in("n", "shape"), in("nb"), i("allowzero", 0)))
                .addNode(node("Mul", "gn/Mul_1", in("nb", "gn.w"), in("m")))
                .addNode(node("Add", "gn/Add_1", in("m", "gn.beta"), in("y")))
                .addNode(node("Relu", "gn/Relu", in("y"), in("r"))));
    }

    /** instance_norm.py's form, with w as a Constant node before the normalised value (operand order swapped). */
    static ModelProto instanceNorm(float... scale) {
        return model(g -> g
                .addInitializer(OnnxProtos.longs("shape_in", new long[] {3}, 0, 2, -1))
                .addInitializer(OnnxProtos.longs("shape_out", new long[] {3}, 0, 4, -1))
                .addInitializer(OnnxProtos.floats("scale", new long[] {2}, scale))
                .addInitializer(OnnxProtos.floats("bias", new long[] {2}, 0f, 0f))
                .addInitializer(OnnxProtos.floats("gn.beta", new long[] {4, 1}, BETA))
                .addNode(constant("gn.w", OnnxProtos.floats("gn.w", new long[] {4, 1}, W)))
                .addNode(node("Reshape", "gn/Reshape_in", in("c", "shape_in"), in("g")))
                .addNode(node("InstanceNormalization", "gn/InstanceNormalization", in("g", "scale", "bias"), in("n"),
                        AttributeProto.newBuilder().setName("epsilon").setType(AttributeProto.AttributeType.FLOAT)
                                .setF(EPS).build()))
                .addNode(node("Reshape", "gn/Reshape_out", in("n", "shape_out"), in("nb")))
                .addNode(node("Mul", "gn/Mul", in("gn.w", "nb"), in("m")))
                .addNode(node("Add", "gn/Add", in("m", "gn.beta"), in("y")))
                .addNode(node("Relu", "gn/Relu", in("y"), in("r"))));
    }

    /** Runs the graph node by node with the ordinary operators: no folding, no fusion. */
    static Tensor unfused(ModelProto model, Tensor input) {
        Map<String, Tensor> values = new HashMap<>();
        for (TensorProto t : model.getGraph().getInitializerList()) {
            values.put(t.getName(), TensorDecoder.decode(t));
        }
        values.put("positions", input);
        for (NodeProto n : model.getGraph().getNodeList()) {
            Tensor[] args = new Tensor[n.getInputCount()];
            for (int k = 0; k < args.length; k++) {
                args[k] = values.get(n.getInput(k));
            }
            Tensor[] out = Nodes.run(Nodes.op(n, Kernels.scalar(), args), n.getOutputCount(), args);
            for (int k = 0; k < out.length; k++) {
                values.put(n.getOutput(k), out[k].detached());
            }
        }
        return values.get("probabilities");
    }

    private static Tensor input() {
        int batch = 2;
        int length = 7;
        float[] x = new float[batch * length * 2];
        for (int k = 0; k < x.length; k++) {
            x[k] = (float) Math.sin(0.9 * k) * (1 + k % 3);
        }
        return Tensor.of(new int[] {batch, length, 2}, x);
    }

    private static float[] fused(ModelProto model, List<String> expectedOps) {
        Program p = ModelCompiler.compile(model.toByteArray(), "gn", 2, Kernels.scalar());
        List<String> ops = new ArrayList<>(List.of(p.stepOps()));
        assertEquals(expectedOps, ops);
        Tensor out = p.run(input(), new Arena());
        Tensor reference = unfused(model, input());
        assertArrayEquals(reference.shape(), out.shape());
        float[] got = java.util.Arrays.copyOf(out.floats(), out.size());
        assertArrayEquals(java.util.Arrays.copyOf(reference.floats(), reference.size()), got, 1e-6f);
        return got;
    }

    @Test
    void bothFormsFuseIntoOneStepAndMatchTheOrdinaryOperators() {
        // The elementwise form keeps its run-time shape arithmetic (the group shape depends on the batch).
        float[] a = fused(elementwise(), List.of("Transpose", "Conv", "Shape", "Gather", "Unsqueeze", "Concat",
                "GroupNorm+Relu", "Transpose", "Softmax"));
        float[] b = fused(instanceNorm(1f, 1f), List.of("Transpose", "Conv", "GroupNorm+Relu", "Transpose", "Softmax"));
        // The same fused step on the same x, w, β and ε: identical outputs.
        assertArrayEquals(a, b);
    }

    @Test
    void instanceNormWithAScaleIsLeftToTheOrdinaryOperators() {
        fused(instanceNorm(1f, 2f), List.of("Transpose", "Conv", "Reshape", "InstanceNormalization", "Reshape", "Mul",
                "Add", "Relu", "Transpose", "Softmax"));
    }
}
