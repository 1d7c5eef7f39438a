package org.deepspt.onnx;

/** Where ONNX Runtime runs the model. */
public enum ExecutionDevice {
    /** The CPU execution provider (always available). */
    CPU,
    /**
     * The CUDA execution provider. Needs the {@code onnxruntime_gpu} artifact (Maven profile {@code cuda})
     * and CUDA 12 + cuDNN 9 on the host; when it cannot load, the segmenter logs a warning and runs on
     * the CPU.
     */
    CUDA
}
