/**
 * ONNX Runtime backend of deepspt-java: {@link org.deepspt.onnx.OnnxSegmenter} runs a segmentation model
 * (one ONNX graph, typically an ensemble) on the CPU by default or through CUDA when asked for and
 * available. Native code of deepspt-java lives only in this module.
 *
 * <p>Model contract: one input, float32 {@code [batch, length, dim]} positions in µm (the graph does its
 * own centring and scaling); one output, float32 {@code [batch, length, 4]} per-frame probabilities in
 * {@link org.deepspt.api.DiffusionState} order. Tracks in one batch have equal length (no padding between
 * tracks).
 */
package org.deepspt.onnx;
