package org.deepspt.jvm.testing;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.deepspt.jvm.impl.onnx.AttributeProto;
import org.deepspt.jvm.impl.onnx.NodeProto;
import org.deepspt.jvm.impl.onnx.TensorProto;
import org.deepspt.jvm.impl.onnx.TensorShapeProto;
import org.deepspt.jvm.impl.onnx.TypeProto;
import org.deepspt.jvm.impl.onnx.ValueInfoProto;

/**
 * Builders of ONNX nodes, attributes, tensors and graph values for tests that write models in code: this
 * module's operator and loader tests and, through its test jar, the CLI's hostile-model corpus.
 */
public final class OnnxProtos {
    private OnnxProtos() {
    }

    /** @return a node with the given inputs, outputs and attributes */
    public static NodeProto node(String op, String name, String[] inputs, String[] outputs, AttributeProto... attrs) {
        NodeProto.Builder b = NodeProto.newBuilder().setOpType(op).setName(name);
        for (String i : inputs) {
            b.addInput(i);
        }
        for (String o : outputs) {
            b.addOutput(o);
        }
        for (AttributeProto a : attrs) {
            b.addAttribute(a);
        }
        return b.build();
    }

    /** @return an INTS attribute */
    public static AttributeProto ints(String name, long... v) {
        AttributeProto.Builder b = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long x : v) {
            b.addInts(x);
        }
        return b.build();
    }

    /** @return an INT attribute */
    public static AttributeProto i(String name, long v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(v).build();
    }

    /** @return a FLOAT attribute */
    public static AttributeProto f(String name, float v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(v).build();
    }

    /** @return a STRING attribute (UTF-8) */
    public static AttributeProto s(String name, String v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFrom(v, StandardCharsets.UTF_8)).build();
    }

    /** @return a TENSOR attribute */
    public static AttributeProto t(String name, TensorProto v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.TENSOR).setT(v).build();
    }

    /** @return a float32 tensor stored as little-endian raw data */
    public static TensorProto floats(String name, long[] dims, float... v) {
        ByteBuffer bb = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : v) {
            bb.putFloat(x);
        }
        TensorProto.Builder b = TensorProto.newBuilder().setName(name).setDataType(1)
                .setRawData(ByteString.copyFrom(bb.array()));
        for (long d : dims) {
            b.addDims(d);
        }
        return b.build();
    }

    /** @return an int64 tensor stored in {@code int64_data} */
    public static TensorProto longs(String name, long[] dims, long... v) {
        TensorProto.Builder b = TensorProto.newBuilder().setName(name).setDataType(7);
        for (long x : v) {
            b.addInt64Data(x);
        }
        for (long d : dims) {
            b.addDims(d);
        }
        return b.build();
    }

    /** @return a float32 graph input or output; each dimension is a number or a symbolic name */
    public static ValueInfoProto value(String name, Object... dims) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        for (Object d : dims) {
            TensorShapeProto.Dimension.Builder b = TensorShapeProto.Dimension.newBuilder();
            if (d instanceof String) {
                b.setDimParam((String) d);
            } else {
                b.setDimValue(((Number) d).longValue());
            }
            s.addDim(b);
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(1).setShape(s))).build();
    }
}
