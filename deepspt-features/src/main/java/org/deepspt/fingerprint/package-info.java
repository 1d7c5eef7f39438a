/**
 * The diffusional fingerprint: per-track descriptive features of diffusion used by DeepSPT's downstream
 * classifiers (Kæstel-Hansen et al., Nat. Methods 2025; Pinholt et al., PNAS 2021).
 *
 * <ul>
 *   <li>{@link org.deepspt.fingerprint.DiffusionalFingerprint}: the
 *       {@link org.deepspt.api.FingerprintExtractor} of the 43 features (31 track + 12 segmentation
 *       features), with a low-level allocation-light form for hot loops. It orchestrates one package-private
 *       calculator per feature family (TrackMate-style: one analyzer per family): {@code StepLengths},
 *       {@code DotProducts}, {@code PathShape} (hull, d<sub>max</sub>, efficiency, fractal dimension),
 *       {@code MsdFeatures}, {@code NonGaussianity} (Gaussianity, kurtosis), {@code Trappedness},
 *       {@code HmmFeatures} and {@code SegmentationFeatures}; the MSD-based families share one
 *       {@link org.deepspt.msd.LagMoments}.</li>
 *   <li>{@link org.deepspt.fingerprint.FingerprintFeature}: the features, in output order, with stable
 *       snake_case names, units, definitions and the 40-feature classifier subset.</li>
 *   <li>{@link org.deepspt.fingerprint.FixedStepHmm}: the fixed 4-state Gaussian step-length HMM,
 *       Viterbi-decoded in log space.</li>
 *   <li>{@link org.deepspt.fingerprint.ConvexHull}: 2D area (monotone chain) and 3D volume (incremental
 *       hull), 0 for degenerate point sets.</li>
 *   <li>{@link org.deepspt.fingerprint.TimeResolvedFingerprint} and
 *       {@link org.deepspt.fingerprint.FeatureMatrix}: per-frame features from sliding windows.</li>
 * </ul>
 *
 * <p>Units: positions µm, times s, D µm²/s (µm²/s<sup>α</sup> for the anomalous fit). All public classes
 * are immutable and thread-safe except the per-thread
 * {@link org.deepspt.fingerprint.DiffusionalFingerprint.Workspace}.
 */
@NullMarked
package org.deepspt.fingerprint;

import org.jspecify.annotations.NullMarked;
