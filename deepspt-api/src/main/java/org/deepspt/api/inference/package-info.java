/**
 * The inference seam: an execution engine maps a float tensor {@code [batch, length, dim]} of track
 * positions to a float tensor {@code [batch, length, 4]} of state probabilities, and nothing else.
 *
 * <p>Turning trajectories into tensors and back (centring, length grouping, batching, renormalisation,
 * argmax, post-processing) is written once, in {@code deepspt-segmentation}'s {@code org.deepspt.neural}; an
 * engine is a drop-in. Engines are found with {@link java.util.ServiceLoader} through
 * {@link org.deepspt.api.inference.InferenceBackend}: {@code onnx} (module {@code deepspt-onnx}, native
 * ONNX Runtime) and {@code jvm} (module {@code deepspt-jvm}, pure Java).
 */
@NullMarked
package org.deepspt.api.inference;

import org.jspecify.annotations.NullMarked;
