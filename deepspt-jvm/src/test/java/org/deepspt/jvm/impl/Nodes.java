package org.deepspt.jvm.impl;

import org.deepspt.jvm.impl.onnx.NodeProto;

/**
 * Compiling and running single operators for tests (package-private: {@link ModelCompiler#create}); the ONNX
 * builders are in {@link org.deepspt.jvm.testing.OnnxProtos}.
 */
final class Nodes {
    private Nodes() {
    }

    /** Compiles one node whose inputs are all given at run time except the listed constants. */
    static Op op(NodeProto n, Tensor... constants) {
        return op(n, Kernels.scalar(), constants);
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
