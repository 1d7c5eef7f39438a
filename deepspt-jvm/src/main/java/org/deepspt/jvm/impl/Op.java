package org.deepspt.jvm.impl;

/**
 * One compiled ONNX node: attributes parsed and checked, constant inputs (weights) pre-processed, at load
 * time. {@link #run} computes the outputs of one run with shapes taken from the inputs (dynamic batch and
 * length). Implementations are immutable and thread-safe; per-run memory comes from the {@link Arena}.
 */
public interface Op {

    /**
     * @param in input tensors in the node's order; {@code null} for an omitted optional input
     * @param out receives the output tensors in the node's order
     * @param arena float buffers of this run
     */
    void run(Tensor[] in, Tensor[] out, Arena arena);
}
