/**
 * JMH benchmarks of deepspt-java, one concept per class: {@link org.deepspt.bench.HotPathBenchmark} (an
 * inference engine per frame), {@link org.deepspt.bench.OverheadBenchmark} (our {@code Segmenter} versus a
 * raw {@code OrtSession.run}), {@link org.deepspt.bench.FingerprintBenchmark},
 * {@link org.deepspt.bench.TrackReadingBenchmark} and {@link org.deepspt.bench.PipelineBenchmark}
 * (end to end), {@link org.deepspt.bench.IntraOpBenchmark} (ONNX Runtime intra-op threads and spinning).
 * Backends are found through {@link java.util.ServiceLoader} by name; a backend that is not
 * on the class path stops its benchmark in {@code @Setup} with a message saying so, and the run goes on.
 *
 * <p>Per-frame and per-track figures come from {@link org.deepspt.bench.Counters}, reported by JMH as
 * secondary results ({@code frames}, {@code tracks}; {@link org.deepspt.bench.RowCounters}: {@code rows}) in the primary result's unit
 * (µs per frame etc. in average-time mode). See {@code BENCHMARKS.md} at the repository root.
 */
package org.deepspt.bench;
