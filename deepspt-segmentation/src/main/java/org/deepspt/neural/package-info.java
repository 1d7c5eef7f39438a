/**
 * Neural segmentation written once, for every execution backend: {@link org.deepspt.neural.SegmentationTranslator}
 * turns trajectories into the model's input tensor and its output back into
 * {@link org.deepspt.api.Segmentation}s, {@link org.deepspt.neural.LengthBatchifier} groups tracks of equal
 * length into batches, and {@link org.deepspt.neural.NeuralSegmenter} runs them through any
 * {@link org.deepspt.api.inference.InferenceEngine}. {@link org.deepspt.neural.InferenceBackends} picks the
 * engine ({@code auto}, {@code onnx}, {@code jvm}).
 */
@NullMarked
package org.deepspt.neural;

import org.jspecify.annotations.NullMarked;
