/**
 * Public value types and interfaces of deepspt-java: {@link org.deepspt.api.Trajectory},
 * {@link org.deepspt.api.DiffusionState}, {@link org.deepspt.api.Segmentation} and the
 * {@link org.deepspt.api.Segmenter} contract, plus the unchecked exception hierarchy rooted at
 * {@link org.deepspt.api.DeepSptException}.
 *
 * <p>Units: positions in micrometres (µm), times in seconds (s), diffusion coefficients in µm²/s, frame
 * indices as integers. All types are immutable and thread-safe; no method returns {@code null}; collections
 * returned are unmodifiable.
 */
package org.deepspt.api;
