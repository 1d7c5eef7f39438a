/**
 * Public value types and interfaces of deepspt-java: {@link org.deepspt.api.Trajectory},
 * {@link org.deepspt.api.DiffusionState}, {@link org.deepspt.api.Segmentation} and the
 * {@link org.deepspt.api.Segmenter} contract, plus the unchecked exception hierarchy rooted at
 * {@link org.deepspt.api.DeepSptException}.
 *
 * <p>Units: positions in micrometres (µm), times in seconds (s), diffusion coefficients in µm²/s, frame
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
