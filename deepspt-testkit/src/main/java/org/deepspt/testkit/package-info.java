/**
 * Contract tests written once for every implementation of an interface of deepspt-api, as EJML tests every
 * matrix implementation against one generic suite: {@link org.deepspt.testkit.InferenceEngineContract} and
 * {@link org.deepspt.testkit.StreamingEngineContract}. A backend's test class extends one and says how to open
 * an engine; the {@code onnx} and {@code jvm} engines and the core tests' fake do. Depend on this artifact in
 * test scope; it brings JUnit 5's API.
 */
@NullMarked
package org.deepspt.testkit;

import org.jspecify.annotations.NullMarked;
