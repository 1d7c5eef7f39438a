package org.deepspt.jvm.impl;

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

/** Builders of ONNX nodes, attributes and tensors for tests. */
final class Nodes {
    private Nodes() {
    }

    static NodeProto node(String op, String name, String[] inputs, String[] outputs, AttributeProto... attrs) {
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

    static AttributeProto ints(String name, long... v) {
        AttributeProto.Builder b = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long x : v) {
            b.addInts(x);
        }
        return b.build();
    }

    static AttributeProto i(String name, long v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(v).build();
    }

    static AttributeProto f(String name, float v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(v).build();
    }

    static AttributeProto s(String name, String v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFrom(v, StandardCharsets.UTF_8)).build();
    }

    static AttributeProto t(String name, TensorProto v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.TENSOR).setT(v).build();
    }

    static TensorProto floats(String name, long[] dims, float... v) {
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

    static TensorProto longs(String name, long[] dims, long... v) {
        TensorProto.Builder b = TensorProto.newBuilder().setName(name).setDataType(7);
        for (long x : v) {
            b.addInt64Data(x);
        }
        for (long d : dims) {
            b.addDims(d);
        }
        return b.build();
    }

    /** A float32 graph input or output; each dimension is a number or a symbolic name. */
    static ValueInfoProto value(String name, Object... dims) {
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

    /** Compiles one node whose inputs are all given at run time except the listed constants. */
    static Op op(NodeProto n, Tensor... constants) {
        Tensor[] c = new Tensor[n.getInputCount()];
        System.arraycopy(constants, 0, c, 0, Math.min(constants.length, c.length));
        return ModelCompiler.create(new NodeSpec("test", n, 17, c), Kernels.scalar());
    }

    static Op op(NodeProto n, Conv1dKernel k, Tensor... constants) {
        Tensor[] c = new Tensor[n.getInputCount()];
        System.arraycopy(constants, 0, c, 0, Math.min(constants.length, c.length));
        return ModelCompiler.create(new NodeSpec("test", n, 17, c), k);
    }

    static Tensor[] run(Op op, int outputs, Tensor... in) {
        Tensor[] out = new Tensor[outputs];
        op.run(in, out, new Arena());
        return out;
    }

    static Tensor f(int[] shape, float... v) {
        return Tensor.of(shape, v);
    }

    static Tensor l(int[] shape, long... v) {
        return Tensor.of(shape, v);
    }

    static int[] sh(int... d) {
        return d;
    }
}
