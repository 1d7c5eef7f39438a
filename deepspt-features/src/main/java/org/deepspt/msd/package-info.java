/**
 * Mean squared displacement (MSD) analysis of single trajectories.
 *
 * <ul>
 *   <li>{@link org.deepspt.msd.Msd}: the time-averaged MSD over all pairs of points, the lag rule of the
 *       fits ({@link org.deepspt.msd.Msd#fitMaxLag(int)}: lags 1..min(⌊N/4⌋, 30)), the lag rule of DeepSPT for the
 *       fingerprint's MSD-curve features ({@link org.deepspt.msd.Msd#defaultMaxLag(int)}) and the number of
 *       pairs per lag.</li>
 *   <li>{@link org.deepspt.msd.LagMoments}: the one scan of pairs of points n frames apart (gaps
 *       included) that gives the second and fourth displacement moments per lag; used by {@code Msd},
 *       {@code MsdFitter} and the diffusional fingerprint.</li>
 *   <li>{@link org.deepspt.msd.MsdFitter}: bounded least-squares fit of the anomalous-diffusion model
 *       MSD(t) = 2·dim·D·t<sup>α</sup> + offset, with a χ² goodness of fit, and the Michalet (2010) fit
 *       of Brownian motion with localization error.</li>
 *   <li>{@link org.deepspt.msd.MsdFit}: the immutable fit result with standard errors, its
 *       {@link org.deepspt.api.FitStatus} (an estimate, or why not: {@code too_few_lags}, {@code no_motion},
 *       {@code not_converged}, {@code at_bound}, {@code undetermined}) and {@link org.deepspt.msd.MsdFitBound}: which parameter (D, α)
 *       ended on a bound of the fit and so is not an estimate.</li>
 *   <li>{@link org.deepspt.msd.SegmentMotionFitter}: D and α of every segment of a segmentation; by default the
 *       two-lag estimate of {@link org.deepspt.msd.TwoLagEstimator} for every segment of ≥ 3 points, optionally the
 *       anomalous fit on the segment's points ({@code msdFitOnly()}, NaN under 16 points) or the two-lag estimate
 *       below a length and the fit from it on ({@code withTwoLagsBelow}).</li>
 * </ul>
 *
 * <p>Units: positions µm, times s, MSD µm², D µm²/s<sup>α</sup>. All classes are thread-safe except the
 * reusable scratch object {@link org.deepspt.msd.LagMoments}.
 */
@NullMarked
package org.deepspt.msd;

import org.jspecify.annotations.NullMarked;
