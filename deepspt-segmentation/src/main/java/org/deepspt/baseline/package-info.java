/**
 * Non-learned baseline segmenters the DeepSPT paper compares against.
 *
 * <p>{@link org.deepspt.baseline.RollingMsdSegmenter}: a sliding-window MSD fit classifying each point
 * by its local anomalous exponent α (normal / directed / subdiffusive; never confined).
 */
@NullMarked
package org.deepspt.baseline;

import org.jspecify.annotations.NullMarked;
