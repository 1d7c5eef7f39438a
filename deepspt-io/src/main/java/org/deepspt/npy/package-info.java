/**
 * NumPy {@code .npy} files (format version 1.0/2.0 subset) and the export of simulated training sets for
 * the Python training pipeline under {@code models/training}.
 *
 * <p>{@link org.deepspt.npy.NpyWriter} writes little-endian, C-order arrays of the types in
 * {@link org.deepspt.npy.NpyDtype} with a header byte-identical to NumPy ≥ 1.23's {@code np.save}
 * (64-byte aligned, with NumPy's spare room for growing the first axis, which the streaming writer uses to
 * fill in the final row count on close). {@link org.deepspt.npy.NpyReader} reads the same subset and reports
 * problems as {@link org.deepspt.api.InputFormatException} naming the file and header field.
 * {@link org.deepspt.npy.TrainingSetExporter} simulates tracks and writes the compact
 * {@code positions.npy}/{@code labels.npy}/{@code offsets.npy} triplet plus {@code spec.json}.
 */
@NullMarked
package org.deepspt.npy;

import org.jspecify.annotations.NullMarked;
