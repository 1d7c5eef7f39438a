package org.deepspt.examples

import org.deepspt.api.{DiffusionState, SegmenterOptions, Segmenters, Trajectory}
import org.deepspt.classify.ClassifierTrainer
import org.deepspt.fingerprint.DiffusionalFingerprint
import org.deepspt.pipeline.Pipeline
import org.deepspt.sim.{SimulationConfig, Simulator}
import org.junit.jupiter.api.Assertions.{assertEquals, assertTrue}
import org.junit.jupiter.api.Test

import scala.jdk.CollectionConverters.*
import scala.util.Using

/**
 * The README's fluent chain from Scala 3: simulated tracks → the bundled 2D U-Net (opened by name, as
 * `--model unet`) → diffusional fingerprint → a logistic track classifier trained on those fingerprints.
 * Compiled by scalac 3 (scala-maven-plugin) and run by surefire as a JUnit 5 class.
 */
class ScalaPipelineTest:

  private def simulate(state: DiffusionState, tracks: Int, seed: Long): Seq[Trajectory] =
    val config = SimulationConfig.builder(2).heterogeneousFraction(0.0).allowedStates(state)
      .fixedLength(200).build()
    Simulator.of(config).simulate(tracks, seed).asScala.toSeq

  /** Fraction of the frames of `tracks` that `states` (one array per track) labels `state`. */
  private def fraction(states: Seq[Array[Int]], state: DiffusionState): Double =
    states.map(_.count(_ == state.index())).sum.toDouble / states.map(_.length).sum

  @Test
  def segmentFingerprintClassifyWithTheBundledModel(): Unit =
    val normal = simulate(DiffusionState.NORMAL, 40, 11L)
    val confined = simulate(DiffusionState.CONFINED, 40, 12L).map(t => t.withId("c" + t.id()))
    val tracks = (normal ++ confined).asJava
    val labels = (normal.map(_ => "free") ++ confined.map(_ => "confined")).asJava

    Using.resource(Segmenters.open("unet", 2, SegmenterOptions.defaults())) { unet =>
      // --- the README's chain, in Scala ---
      val result = Pipeline.builder()
        .segmenter(unet)
        .fingerprints(DiffusionalFingerprint.defaults())
        .threads(2)
        .build()
        .run(tracks)
      val classifier = ClassifierTrainer.logistic().seed(3L).build().train(result.fingerprints(), labels)
      val predicted = Pipeline.builder().segmenter(unet).classifier(classifier).build().run(tracks)
      // --- end ---

      assertTrue(result.issues().isEmpty, s"issues: ${result.issues()}")
      val results = result.results().asScala.toSeq
      assertEquals(tracks.size, results.size)
      assertTrue(results.forall(_.fingerprint().orElseThrow().size() == 43), "43 fingerprint features")

      // The model sees what was simulated: most frames of single-state tracks get that state.
      val states = results.map(_.segmentation().orElseThrow().stateIndices())
      val normalShare = fraction(states.take(normal.size), DiffusionState.NORMAL)
      val confinedShare = fraction(states.drop(normal.size), DiffusionState.CONFINED)
      assertTrue(normalShare > 0.75, s"normal frames labelled normal: $normalShare")
      assertTrue(confinedShare > 0.75, s"confined frames labelled confined: $confinedShare")

      val predictions = predicted.predictions().asScala.toSeq
      assertEquals(tracks.size, predictions.size)
      val correct = predictions.zip(labels.asScala).count((p, l) => p.label() == l)
      assertTrue(correct >= 0.9 * tracks.size, s"training accuracy $correct / ${tracks.size}")
    }
