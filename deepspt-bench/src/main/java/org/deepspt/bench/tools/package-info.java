/**
 * Hand-run measurement and data tools (mains, not JMH, not tests), run from the shaded jar:
 * {@code java -cp deepspt-bench/target/benchmarks.jar org.deepspt.bench.tools.NAME ARGS}.
 * {@link org.deepspt.bench.tools.JvmEngineBench} and {@link org.deepspt.bench.tools.JvmEngineProfile} (thread CPU
 * time of the {@code jvm} backend per frame and per operator, tuning aids),
 * {@link org.deepspt.bench.tools.OnlineWindowEvaluation} and {@link org.deepspt.bench.tools.StreamingEvaluation}
 * (agreement of online segmentation with offline, README tables), {@link org.deepspt.bench.tools.ViterbiEvaluation}
 * (accuracy against the smoothing penalty, models README), {@link org.deepspt.bench.tools.RecordFingerprintFeatures}
 * (the recorded data of deepspt-core's {@code RecordedFeaturesTest}). What they print goes into the README,
 * models/README.md or BENCHMARKS.md with the command that printed it.
 */
package org.deepspt.bench.tools;
