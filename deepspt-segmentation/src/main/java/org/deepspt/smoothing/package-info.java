/**
 * Post-processing of per-frame state probabilities into segmentations.
 *
 * <ul>
 *   <li>{@link org.deepspt.smoothing.ViterbiSmoother}: the most probable state path under a per-switch
 *       penalty (Viterbi decoding in log space), which removes short spurious segments that the
 *       frame-wise argmax produces.</li>
 *   <li>{@link org.deepspt.smoothing.BoundaryRefiner}: moves each change of state of that path (at most a few
 *       points) to where the tempered path score and the Gamma likelihood of the step lengths on either side
 *       agree best.</li>
 *   <li>{@link org.deepspt.smoothing.DiffusivityChangeDetector}: changes of D within one motion class, from the
 *       squared step lengths (penalised Gamma likelihood, seeded binary segmentation), added as segment starts
 *       ({@link org.deepspt.api.Segmentation#withSplits}).</li>
 *   <li>{@link org.deepspt.smoothing.PathPosterior}: the per-point marginals of the tempered path distribution
 *       whose mode is that path (forward–backward), the probabilities reported with smoothed states.</li>
 *   <li>{@link org.deepspt.smoothing.OutputCalibration}: a model's temperature table T(track length, estimated
 *       SNR) from its manifest, applied after inference.</li>
 * </ul>
 */
@NullMarked
package org.deepspt.smoothing;

import org.jspecify.annotations.NullMarked;
