/**
 * Track classification from diffusional fingerprints, as in DeepSPT's downstream tasks (Kæstel-Hansen et
 * al., Nat. Methods 2025, doi:10.1038/s41592-025-02665-8, §5): e.g. "which organelle carries this
 * particle".
 *
 * <ul>
 *   <li>{@link org.deepspt.classify.ClassifierTrainer}: standardisation fitted on the training data,
 *       random over-sampling of minority classes, then multinomial logistic regression (the paper's
 *       classifier; own deterministic L-BFGS) or a Tribuo random forest; yields a
 *       {@link org.deepspt.classify.TrackClassifier} (an {@link org.deepspt.api.Classifier}) with
 *       abstention below a top-probability threshold.</li>
 *   <li>{@link org.deepspt.classify.CrossValidation}: stratified k-fold CV and the α / D / α + D / full
 *       feature ablations ({@link org.deepspt.classify.FeatureSets}) →
 *       {@link org.deepspt.classify.CrossValidationReport}, {@link org.deepspt.classify.AblationTable}.</li>
 *   <li>{@link org.deepspt.classify.TrackClassifiers}: versioned JSON model files.</li>
 *   <li>{@link org.deepspt.io.FingerprintCsv}, {@link org.deepspt.io.TrackLabels},
 *       {@link org.deepspt.classify.TrackFingerprints}: input helpers.</li>
 * </ul>
 *
 * <p>Missing feature values (NaN, ±∞) are replaced by 0 <em>after</em> standardisation, i.e. by the
 * training mean of the feature (the original code replaces NaN by 0 before standardising). All public
 * types are immutable and thread-safe; everything random takes an explicit seed.
 */
@NullMarked
package org.deepspt.classify;

import org.jspecify.annotations.NullMarked;
