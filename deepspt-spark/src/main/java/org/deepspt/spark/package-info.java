/**
 * Apache Spark scale-out of the DeepSPT pipeline, for screens that outgrow one JVM.
 *
 * <p>{@link org.deepspt.spark.DeepSptSpark#analyze} takes a DataFrame (or a Parquet/CSV path) of
 * localisations {@code particle, frame, x, y[, z]} with optional grouping columns (experiment, plate, well…),
 * assembles the tracks per (group…, particle) with the file readers' policies
 * ({@link org.deepspt.io.TrackAssembler}), runs the one {@link org.deepspt.pipeline.Pipeline} on the executors
 * with one segmenter per executor JVM, and returns the per-frame segmentation, the per-track fingerprints
 * (and predictions) and the issues as Datasets ({@link org.deepspt.spark.SparkAnalysis}). Options:
 * {@link org.deepspt.spark.AnalyzeOptions}, the CLI's post-processing included
 * ({@link org.deepspt.pipeline.PostProcessing}, boundary refinement). {@link org.deepspt.spark.AnalyzeJob} is the {@code spark-submit}
 * main class of the shaded jar, {@link org.deepspt.spark.LocalJob} that of {@code deepspt-spark-local.jar}, which
 * runs the same job with Spark inside one JVM (no Spark installation). Frame and coordinate cells are parsed by
 * the file readers' rules ({@link org.deepspt.io.TrackAssembler#addCells}), so the job accepts and refuses what
 * the CLI does.
 *
 * <p>Spark is a {@code provided} dependency (3.5, Scala 2.12; Spark 4.1, Scala 2.13 with the Maven profile
 * {@code spark4}); the API is Java and works from Scala, and from PySpark through the JVM gateway. Java 17 needs
 * Spark's {@code --add-opens} flags, which {@code spark-submit} adds and the local jar's manifest declares; see
 * the module's pom for the list used by the tests.
 */
@NullMarked
package org.deepspt.spark;

import org.jspecify.annotations.NullMarked;
