/**
 * ONNX Runtime backend of deepspt-java: {@link org.deepspt.onnx.OnnxBackend} (backend name {@code onnx})
 * loads a segmentation model into an {@link org.deepspt.api.inference.InferenceEngine} that runs on the CPU
 * by default or through CUDA when asked for and available. Native code of deepspt-java lives only in this
 * module; batching, centring and post-processing are shared with every backend
 * ({@code org.deepspt.neural} in deepspt-segmentation).
 *
 * <p>Model contract: one input, float32 {@code [batch, length, dim]} positions (the graph does its own
 * scaling); one output, float32 {@code [batch, length, 4]} per-frame probabilities in
 * {@link org.deepspt.api.DiffusionState} order.
 */
@NullMarked
package org.deepspt.onnx;

import org.jspecify.annotations.NullMarked;
