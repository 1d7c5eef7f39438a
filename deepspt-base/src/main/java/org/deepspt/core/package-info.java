/**
 * Facts about this build of deepspt-java and the small helpers every module shares:
 * {@link org.deepspt.core.BuildInfo} gives the library version (and the versions of bundled engines) as recorded
 * by Maven, for provenance; {@link org.deepspt.core.IoReason} says why a file operation failed in words;
 * {@link org.deepspt.core.Sha256} computes the digests of model files, training data and classifiers.
 */
@NullMarked
package org.deepspt.core;

import org.jspecify.annotations.NullMarked;
