/**
 * Per-track reliability verdicts on segmentations: whether a track lies inside the range where the model was
 * validated (length, estimated signal-to-noise ratio, calibrated confidence).
 *
 * <ul>
 *   <li>{@link org.deepspt.reliability.SnrEstimate}: localisation noise σ̂, step scale √(D̂·Δt) and their ratio
 *       Q̂ estimated from one track (covariance-based estimator).</li>
 *   <li>{@link org.deepspt.reliability.ReliabilityAssessor}: the checks against
 *       {@link org.deepspt.api.ReliabilityThresholds}, giving a {@link org.deepspt.api.Reliability}.</li>
 *   <li>{@link org.deepspt.reliability.ReliabilityTally}: counts over a run, and the one {@code warning:} line
 *       the command-line tools print when too many frames come from unreliable tracks.</li>
 * </ul>
 */
@NullMarked
package org.deepspt.reliability;

import org.jspecify.annotations.NullMarked;
