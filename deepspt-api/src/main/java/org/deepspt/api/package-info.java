/**
 * Public value types and interfaces of deepspt-java: {@link org.deepspt.api.Trajectory},
 * {@link org.deepspt.api.DiffusionState}, {@link org.deepspt.api.Segmentation} and the
 * {@link org.deepspt.api.Segmenter} contract, plus the unchecked exception hierarchy rooted at
 * {@link org.deepspt.api.DeepSptException}.
 *
 * <p>Exceptions: every exception of the library is unchecked. Problems with the data or the model are
 * {@link org.deepspt.api.DeepSptException}s naming the track, line, field or model: {@link InvalidTrajectoryException}
 * (a track a method cannot use: too short, {@link TrackTooShortException}; missing frames for a neural segmenter;
 * wrong dimension for a model), {@link InputFormatException} (a file that cannot be read),
 * {@link org.deepspt.api.inference.ModelLoadException} (a model or manifest that cannot be used) and
 * {@link org.deepspt.api.inference.InferenceException} (the engine failed; it stops a run). Programming errors are
 * the JDK's: {@link IllegalArgumentException} for an argument outside its documented range (a dimension other than 2
 * or 3, an unknown segmenter, backend or feature name, a backend that is absent or cannot run on this machine,
 * options out of range), {@link IllegalStateException} for a
 * call in the wrong state (after {@code close()}; {@code OnlineSegmenterFailedException} for every call after an
 * online segmenter failed: the failure itself, e.g. an {@code InferenceException}, reaches the caller once, and is
 * the cause of each later refusal), {@link NullPointerException} for a {@code null} argument.
 *
 * <p>Units: positions in micrometres (µm), times in seconds (s), diffusion coefficients in µm²/s (an anomalous D,
 * with its α, in µm²/s<sup>α</sup>), frame
 * indices as integers. All types are immutable and thread-safe; no method returns {@code null}; collections
 * returned are unmodifiable.
 *
 * <p>Nullness is declared with JSpecify: every published package of deepspt-java is
 * {@link org.jspecify.annotations.NullMarked @NullMarked} (types are non-null unless annotated), and the few
 * parameters that accept {@code null} are {@link org.jspecify.annotations.Nullable @Nullable}. Kotlin reads
 * these as non-null and nullable types; internal {@code impl} packages are not marked.
 */
@NullMarked
package org.deepspt.api;

import org.jspecify.annotations.NullMarked;
