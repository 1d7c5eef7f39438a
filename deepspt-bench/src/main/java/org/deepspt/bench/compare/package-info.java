/**
 * The Java side of {@code deepspt-bench/compare/compare.sh}: {@link org.deepspt.bench.compare.JavaThroughput}
 * writes the shared workload (simulated tracks as {@code .npy}) and times our segmenters on it.
 */
package org.deepspt.bench.compare;
