/**
 * The model registry, in pure Java: model manifests ({@link org.deepspt.model.ModelManifest}), bundled and
 * user models with SHA-256 verification ({@link org.deepspt.model.SegmentationModels}), and the
 * {@link org.deepspt.api.SegmenterProvider} behind {@code Segmenters.open("unet" | model name |
 * manifest path, ...)}. The execution backend is chosen separately
 * ({@link org.deepspt.neural.InferenceBackends}); no native code here.
 */
@NullMarked
package org.deepspt.model;

import org.jspecify.annotations.NullMarked;
