package org.deepspt.jvm.impl;

import static org.deepspt.jvm.testing.OnnxProtos.i;
import static org.deepspt.jvm.testing.OnnxProtos.ints;
import static org.deepspt.jvm.testing.OnnxProtos.node;
import static org.deepspt.jvm.testing.OnnxProtos.s;
import static org.deepspt.jvm.testing.OnnxProtos.value;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.UnaryOperator;
import org.deepspt.api.inference.ModelLoadException;
import org.deepspt.jvm.impl.onnx.AttributeProto;
import org.deepspt.jvm.impl.onnx.GraphProto;
import org.deepspt.jvm.impl.onnx.ModelProto;
import org.deepspt.jvm.impl.onnx.NodeProto;
import org.deepspt.jvm.impl.onnx.OperatorSetIdProto;
import org.deepspt.jvm.testing.OnnxProtos;
import org.junit.jupiter.api.Test;

/**
 * A small hand-built model (Transpose → Conv → Relu → Transpose → Softmax) loads and runs; variants with an
 * operator, attribute or shape the interpreter does not support are refused at load time, naming the node
 * and operator.
 */
class LoadRefusalTest {

    /** input [batch, length, 2] → 4 states; {@code conv} customises the Conv node. */
    static ModelProto model(int opset, UnaryOperator<NodeProto> conv) {
        float[] w = new float[4 * 2 * 3];
        for (int k = 0; k < w.length; k++) {
            w[k] = (k % 7 - 3) * 0.25f;
        }
        GraphProto g = GraphProto.newBuilder()
                .addInput(value("positions", "batch", "length", 2))
                .addOutput(value("probabilities", "batch", "length", 4))
                .addInitializer(OnnxProtos.floats("w", new long[] {4, 2, 3}, w))
                .addInitializer(OnnxProtos.floats("b", new long[] {4}, 0.1f, -0.1f, 0.2f, 0f))
                .addNode(node("Transpose", "/in/Transpose", new String[] {"positions"}, new String[] {"t"},
                        ints("perm", 0, 2, 1)))
                .addNode(conv.apply(node("Conv", "/net/Conv", new String[] {"t", "w", "b"}, new String[] {"c"},
                        ints("pads", 1, 1), ints("kernel_shape", 3), i("group", 1))))
                .addNode(node("Relu", "/net/Relu", new String[] {"c"}, new String[] {"r"}))
                .addNode(node("Transpose", "/out/Transpose", new String[] {"r"}, new String[] {"u"},
                        ints("perm", 0, 2, 1)))
                .addNode(node("Softmax", "/out/Softmax", new String[] {"u"}, new String[] {"probabilities"},
                        i("axis", -1)))
                .build();
        return ModelProto.newBuilder().setIrVersion(8)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset)).setGraph(g).build();
    }

    @Test
    void validModelLoadsAndRuns() {
        Program p = ModelCompiler.compile(model(17, n -> n).toByteArray(), "tiny", 2, Kernels.conv1d());
        assertArrayEquals(new String[] {"Transpose", "Conv+Relu", "Transpose", "Softmax"}, p.stepOps());
        Tensor out = p.run(Tensor.of(new int[] {1, 3, 2}, new float[] {0, 0, 1, 1, 2, 0}), new Arena());
        assertArrayEquals(new int[] {1, 3, 4}, out.shape());
        for (int t = 0; t < 3; t++) {
            float sum = 0;
            for (int k = 0; k < 4; k++) {
                sum += out.floats()[t * 4 + k];
            }
            assertEquals(1f, sum, 1e-6f);
        }
    }

    private static void assertRefused(ModelProto m, String... fragments) {
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> ModelCompiler.compile(m.toByteArray(), "tiny", 2, Kernels.conv1d()));
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "message '" + e.getMessage() + "' lacks '" + f + "'");
        }
    }

    @Test
    void unsupportedOperator() {
        assertRefused(model(17, n -> n.toBuilder().setOpType("LSTM").build()), "tiny", "/net/Conv", "LSTM",
                "not supported");
    }

    @Test
    void unsupportedAttributeValues() {
        assertRefused(model(17, n -> withAttr(n, i("group", 2))), "/net/Conv", "(Conv)", "group=2");
        assertRefused(model(17, n -> withAttr(n, ints("strides", 2))), "/net/Conv", "(Conv)", "strides");
        assertRefused(model(17, n -> withAttr(n, s("auto_pad", "SAME_UPPER"))), "/net/Conv", "auto_pad");
        assertRefused(model(17, n -> withAttr(n, i("unknown_attribute", 1))), "/net/Conv", "unknown_attribute");
    }

    @Test
    void unsupportedShapes() {
        // A 2-D convolution weight.
        ModelProto m = model(17, n -> n);
        ModelProto twoD = m.toBuilder().setGraph(m.getGraph().toBuilder()
                .setInitializer(0, OnnxProtos.floats("w", new long[] {4, 2, 3, 1}, new float[24]))).build();
        assertRefused(twoD, "/net/Conv", "(Conv)", "weight");
        // Weights computed at run time.
        assertRefused(model(17, n -> n.toBuilder().setInput(1, "t").build()), "/net/Conv", "constant");
        // Tracks of the wrong dimension.
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> ModelCompiler.compile(m.toByteArray(), "tiny", 3, Kernels.conv1d()));
        assertTrue(e.getMessage().contains("dimension"), e.getMessage());
        // Input channels that do not match the weights: found by the trial run, named.
        ModelProto wrongCin = m.toBuilder().setGraph(m.getGraph().toBuilder()
                .setInitializer(0, OnnxProtos.floats("w", new long[] {4, 3, 3}, new float[36]))).build();
        assertRefused(wrongCin, "/net/Conv", "(Conv", "input channels");
    }

    @Test
    void unsupportedOpsetAndResizeMode() {
        assertRefused(model(11, n -> n), "opset 11");
        ModelProto m = model(17, n -> n);
        GraphProto g = m.getGraph().toBuilder()
                .addInitializer(OnnxProtos.floats("sc", new long[] {3}, 1, 1, 2)).addNode(2, node("Resize", "/up/Resize", new String[] {"c", "", "sc"},
                new String[] {"c2"}, s("mode", "linear"))).build();
        assertRefused(m.toBuilder().setGraph(g).build(), "/up/Resize", "(Resize)", "mode=linear");
    }

    @Test
    void notAProtobuf() {
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> ModelCompiler.compile(new byte[] {1, 2, 3, 4, 5}, "junk", 2, Kernels.conv1d()));
        assertTrue(e.getMessage().contains("junk"), e.getMessage());
    }

    private static NodeProto withAttr(NodeProto n, AttributeProto a) {
        NodeProto.Builder b = n.toBuilder();
        for (int k = 0; k < b.getAttributeCount(); k++) {
            if (b.getAttribute(k).getName().equals(a.getName())) {
                b.setAttribute(k, a);
                return b.build();
            }
        }
        return b.addAttribute(a).build();
    }
}
