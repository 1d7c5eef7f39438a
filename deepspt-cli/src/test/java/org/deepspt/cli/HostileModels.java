package org.deepspt.cli;

import static org.deepspt.jvm.testing.OnnxProtos.floats;
import static org.deepspt.jvm.testing.OnnxProtos.ints;
import static org.deepspt.jvm.testing.OnnxProtos.longs;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deepspt.jvm.impl.onnx.AttributeProto;
import org.deepspt.jvm.impl.onnx.GraphProto;
import org.deepspt.jvm.impl.onnx.ModelProto;
import org.deepspt.jvm.impl.onnx.NodeProto;
import org.deepspt.jvm.impl.onnx.OperatorSetIdProto;
import org.deepspt.jvm.impl.onnx.StringStringEntryProto;
import org.deepspt.jvm.impl.onnx.TensorProto;
import org.deepspt.jvm.impl.onnx.TensorShapeProto;
import org.deepspt.jvm.impl.onnx.TypeProto;
import org.deepspt.jvm.impl.onnx.ValueInfoProto;

/**
 * The hostile-model corpus, generated from the ONNX protobuf classes (no stored binaries): a small valid
 * segmentation graph ({@code positions [batch, length, 2]} → Transpose → 1×1 Conv → Transpose → Softmax →
 * {@code probabilities [batch, length, 4]}) and variants of it that an attacker or a careless exporter would
 * produce. Each case says whether both backends must run it or refuse it, and for a refusal a piece of the
 * one-line message.
 */
final class HostileModels {

    /**
     * One corpus file.
     *
     * @param name case name (also the model's name)
     * @param bytes the model file
     * @param refusal a piece of the message both backends must refuse it with, or null when both must run it
     */
    record Case(String name, byte[] bytes, String refusal) {
        @Override
        public String toString() {
            return name;
        }
    }

    private HostileModels() {
    }

    /** @return every case of the corpus */
    static List<Case> all() {
        List<Case> c = new ArrayList<>();
        c.add(new Case("valid", base().build().toByteArray(), null));
        c.add(new Case("valid-opset-21", with(m -> m.clearOpsetImport().addOpsetImport(opset("", 21))), null));
        c.add(new Case("valid-int8", quantised(0.05f, 128, false), null));
        c.add(new Case("empty", new byte[0], "the model file is empty (0 bytes)"));
        c.add(new Case("not-protobuf", "PK\u0003\u0004 this is a zip, not a model\n".getBytes(
                java.nio.charset.StandardCharsets.ISO_8859_1), "not an ONNX model"));
        byte[] valid = base().build().toByteArray();
        c.add(new Case("truncated", Arrays.copyOf(valid, valid.length / 2), "not an ONNX model (protobuf)"));
        c.add(new Case("no-graph", ModelProto.newBuilder().setIrVersion(8).addOpsetImport(opset("", 17)).build()
                .toByteArray(), "it has no graph"));
        // The 284-byte OutOfMemoryError: 46340² floats declared, 4 bytes of data.
        c.add(new Case("huge-declared-float", with(m -> m.getGraphBuilder().addInitializer(
                floats("huge", new long[] {46340, 46340}, 1f))),
                "initializer 'huge' of shape [46340, 46340] declares 8.0 GiB"));
        // The same shape, unused, as int64 typed data.
        c.add(new Case("huge-unused-int64", with(m -> m.getGraphBuilder().addInitializer(TensorProto.newBuilder()
                .setName("idle").setDataType(7).addDims(46000).addDims(46000).addInt64Data(1))),
                "initializer 'idle' of shape [46000, 46000] declares 15.8 GiB"));
        c.add(new Case("data-shorter-than-shape", with(m -> m.getGraphBuilder().addInitializer(
                floats("short", new long[] {1000, 100}, 1f))),
                "initializer 'short' of shape [1000, 100] needs 400000 bytes of raw data, the file holds 4 bytes"));
        // Folded at load by the jvm engine, by ONNX Runtime's constant folding: a 46000² constant.
        c.add(new Case("huge-constant-of-shape", with(m -> {
            m.getGraphBuilder().addInitializer(longs("big_shape", new long[] {2}, 46000, 46000))
                    .addNode(node("ConstantOfShape", "fill", List.of("big_shape"), List.of("filled")));
        }), "node 'fill' (ConstantOfShape): its output of shape [46000, 46000]"));
        c.add(new Case("negative-dim", with(m -> m.getGraphBuilder().addInitializer(
                floats("neg", new long[] {-1, 4}, 1f))), "initializer 'neg' has the negative dimension -1"));
        c.add(new Case("external-data", with(m -> m.getGraphBuilder().addInitializer(TensorProto.newBuilder()
                .setName("ext").setDataType(1).addDims(4).setDataLocation(TensorProto.DataLocation.EXTERNAL)
                .addExternalData(StringStringEntryProto.newBuilder().setKey("location").setValue("/etc/passwd")))),
                "initializer 'ext' uses external data"));
        c.add(new Case("string-tensor", with(m -> m.getGraphBuilder().addInitializer(TensorProto.newBuilder()
                .setName("txt").setDataType(8).addDims(1).addStringData(ByteString.copyFromUtf8("x")))),
                "initializer 'txt' uses segments or string data"));
        // A Loop of 10^12 iterations whose result feeds the output: ONNX Runtime ran it, hung, filled stderr with
        // warnings and crashed at exit; both backends now refuse it up front.
        c.add(new Case("loop", with(m -> {
            GraphProto body = GraphProto.newBuilder().setName("body")
                    .addInput(ValueInfoProto.newBuilder().setName("i").setType(scalar(7)))
                    .addInput(ValueInfoProto.newBuilder().setName("cond_in").setType(scalar(9)))
                    .addInput(ValueInfoProto.newBuilder().setName("v_in").setType(scalar(1)))
                    .addOutput(ValueInfoProto.newBuilder().setName("cond_out").setType(scalar(9)))
                    .addOutput(ValueInfoProto.newBuilder().setName("v_out").setType(scalar(1)))
                    .addNode(node("Identity", "keep_going", List.of("cond_in"), List.of("cond_out")))
                    .addNode(node("Identity", "same", List.of("v_in"), List.of("v_out"))).build();
            GraphProto.Builder g = m.getGraphBuilder()
                    .addInitializer(longs("trips", new long[0], 1_000_000_000_000L))
                    .addInitializer(TensorProto.newBuilder().setName("go").setDataType(9).addInt32Data(1))
                    .addInitializer(floats("zero", new long[0], 0f));
            g.getNodeBuilder(0).setInput(0, "positions_looped");
            List<NodeProto> nodes = new ArrayList<>(g.getNodeList());
            nodes.add(0, node("Add", "add_loop", List.of("positions", "v_final"), List.of("positions_looped"))
                    .build());
            nodes.add(0, node("Loop", "spin", List.of("trips", "go", "zero"), List.of("v_final"))
                    .addAttribute(AttributeProto.newBuilder().setName("body")
                            .setType(AttributeProto.AttributeType.GRAPH).setG(body)).build());
            g.clearNode().addAllNode(nodes);
        }), "node 'spin' (Loop): operator is not supported"));
        c.add(new Case("if", with(m -> m.getGraphBuilder().addNode(node("If", "branch", List.of("cond"),
                List.of("y")))), "node 'branch' (If): operator is not supported"));
        c.add(new Case("scan", with(m -> m.getGraphBuilder().addNode(node("Scan", "", List.of("positions"),
                List.of("scanned")))), "node '<scanned>' (Scan): operator is not supported"));
        c.add(new Case("subgraph-attribute", with(m -> m.getGraphBuilder().getNodeBuilder(1).addAttribute(
                AttributeProto.newBuilder().setName("then_branch").setType(AttributeProto.AttributeType.GRAPH)
                        .setG(GraphProto.newBuilder()))), "holds a subgraph"));
        c.add(new Case("custom-domain", with(m -> m.getGraphBuilder().getNodeBuilder(1).setDomain("com.microsoft")),
                "domain 'com.microsoft' is not supported"));
        c.add(new Case("unknown-attribute", with(m -> m.getGraphBuilder().getNodeBuilder(1).addAttribute(
                AttributeProto.newBuilder().setName("bogus").setType(AttributeProto.AttributeType.INT).setI(1))),
                "node 'conv' (Conv): attribute 'bogus' is not supported"));
        c.add(new Case("opset-12", with(m -> m.clearOpsetImport().addOpsetImport(opset("", 12))),
                "opset 12 of the default domain is not supported (13–21)"));
        c.add(new Case("opset-999", with(m -> m.clearOpsetImport().addOpsetImport(opset("", 999))),
                "opset 999 of the default domain is not supported"));
        c.add(new Case("no-opset", with(ModelProto.Builder::clearOpsetImport), "no opset of the default domain"));
        c.add(new Case("foreign-opset-import", with(m -> m.addOpsetImport(opset("com.evil", 1))),
                "opset import of domain 'com.evil' is not supported"));
        c.add(new Case("ir-999", with(m -> m.setIrVersion(999)), "IR version 999 is not supported"));
        c.add(new Case("ir-missing", with(ModelProto.Builder::clearIrVersion), "the IR version is missing"));
        c.add(new Case("ir-6", with(m -> m.setIrVersion(6)), "IR version 6 is not supported (7–13)"));
        // The newest IR version that the bundled ONNX Runtime reads: both run it.
        c.add(new Case("valid-ir-13", with(m -> m.setIrVersion(13)), null));
        // ModelProto.functions (field 25, a FunctionProto named "f"), appended in wire format: the trimmed
        // onnx.proto of the jvm engine has no FunctionProto class.
        byte[] function = {(byte) 0xCA, 0x01, 0x03, 0x0A, 0x01, 'f'};
        byte[] withFunction = Arrays.copyOf(valid, valid.length + function.length);
        System.arraycopy(function, 0, withFunction, valid.length, function.length);
        c.add(new Case("local-function", withFunction, "model-local functions are not supported"));
        c.add(new Case("zero-scale", quantised(0f, 128, false), "a quantisation scale must be finite and > 0"));
        c.add(new Case("nan-scale", quantised(Float.NaN, 128, false), "a quantisation scale must be finite and > 0"));
        c.add(new Case("zero-point-out-of-range", quantised(0.05f, 300, true),
                "holds 300, outside the range of uint8 (0–255)"));
        c.add(new Case("wrong-input-rank", with(m -> m.getGraphBuilder().setInput(0, input("positions", 2))),
                "graph input 'positions' must be a float32 tensor [batch, length, dimension], is float32 of rank 2"));
        c.add(new Case("two-inputs", with(m -> m.getGraphBuilder().addInput(input("extra", 3))),
                "the graph must have one input (besides initializers) and one output, has 2 and 1"));
        // Control and bidi characters in names are shown escaped, never raw.
        c.add(new Case("bidi-node-name", with(m -> m.getGraphBuilder().addNode(node("Loop",
                "evil\u202Egnp.exe\nline2", List.of(), List.of()))), "node 'evil\\u202egnp.exe\\nline2' (Loop)"));
        return c;
    }

    private static byte[] with(java.util.function.Consumer<ModelProto.Builder> change) {
        ModelProto.Builder b = base();
        change.accept(b);
        return b.build().toByteArray();
    }

    /** The valid base: Transpose → Conv (1×1, 2→4 channels) → Transpose → Softmax. */
    static ModelProto.Builder base() {
        GraphProto.Builder g = GraphProto.newBuilder().setName("hostile")
                .addInput(input("positions", 3))
                .addOutput(ValueInfoProto.newBuilder().setName("probabilities").setType(floatType(3, 4)))
                .addInitializer(floats("w", new long[] {4, 2, 1}, 0.5f, -0.25f, 1f, 0.75f, -1f, 0.2f, 0.1f, 0.3f))
                .addInitializer(floats("b", new long[] {4}, 0.1f, -0.2f, 0.3f, 0f))
                .addNode(node("Transpose", "to_channels", List.of("positions"), List.of("xt"))
                        .addAttribute(ints("perm", 0, 2, 1)))
                .addNode(node("Conv", "conv", List.of("xt", "w", "b"), List.of("logits_t"))
                        .addAttribute(ints("kernel_shape", 1)))
                .addNode(node("Transpose", "to_time", List.of("logits_t"), List.of("logits"))
                        .addAttribute(ints("perm", 0, 2, 1)))
                .addNode(node("Softmax", "softmax", List.of("logits"), List.of("probabilities"))
                        .addAttribute(AttributeProto.newBuilder().setName("axis")
                                .setType(AttributeProto.AttributeType.INT).setI(-1)));
        return ModelProto.newBuilder().setIrVersion(8).setProducerName("HostileModels")
                .addOpsetImport(opset("", 17)).setGraph(g);
    }

    /**
     * The base with a QuantizeLinear → DequantizeLinear pair on the input.
     *
     * @param scale the scale
     * @param zero the zero point (uint8, given as int32_data, so 300 can be written)
     * @param typedZero write the zero point as int32_data (true) or raw bytes (false)
     */
    private static byte[] quantised(float scale, int zero, boolean typedZero) {
        return with(m -> {
            GraphProto.Builder g = m.getGraphBuilder();
            g.addInitializer(floats("q_scale", new long[0], scale));
            TensorProto.Builder z = TensorProto.newBuilder().setName("q_zero").setDataType(2);
            if (typedZero) {
                z.addInt32Data(zero);
            } else {
                z.setRawData(ByteString.copyFrom(new byte[] {(byte) zero}));
            }
            g.addInitializer(z);
            g.getNodeBuilder(0).setInput(0, "positions_dq");
            NodeProto.Builder q = node("QuantizeLinear", "quant", List.of("positions", "q_scale", "q_zero"),
                    List.of("positions_q"));
            NodeProto.Builder dq = node("DequantizeLinear", "dequant", List.of("positions_q", "q_scale", "q_zero"),
                    List.of("positions_dq"));
            List<NodeProto> nodes = new ArrayList<>(g.getNodeList());
            nodes.add(0, dq.build());
            nodes.add(0, q.build());
            g.clearNode().addAllNode(nodes);
        });
    }

    static NodeProto.Builder node(String op, String name, List<String> in, List<String> out) {
        return NodeProto.newBuilder().setOpType(op).setName(name).addAllInput(in).addAllOutput(out);
    }

    static OperatorSetIdProto opset(String domain, long version) {
        return OperatorSetIdProto.newBuilder().setDomain(domain).setVersion(version).build();
    }

    private static ValueInfoProto input(String name, int rank) {
        return ValueInfoProto.newBuilder().setName(name).setType(floatType(rank, 2)).build();
    }

    private static TypeProto scalar(int elemType) {
        return TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder().setElemType(elemType)
                .setShape(TensorShapeProto.newBuilder())).build();
    }

    private static TypeProto floatType(int rank, int last) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        String[] names = {"batch", "length"};
        for (int i = 0; i < rank; i++) {
            s.addDim(i < 2 ? TensorShapeProto.Dimension.newBuilder().setDimParam(names[i])
                    : TensorShapeProto.Dimension.newBuilder().setDimValue(last));
        }
        return TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder().setElemType(1).setShape(s)).build();
    }
}
