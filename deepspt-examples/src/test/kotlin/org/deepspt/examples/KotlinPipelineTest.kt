package org.deepspt.examples

import org.deepspt.baseline.RollingMsdSegmenter
import org.deepspt.classify.ClassifierTrainer
import org.deepspt.fingerprint.DiffusionalFingerprint
import org.deepspt.pipeline.Pipeline
import org.deepspt.sim.SimulationConfig
import org.deepspt.sim.Simulator
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** The fluent chain Trajectory → Segmenter → FingerprintExtractor → Classifier from Kotlin. */
class KotlinPipelineTest {

    @Test
    fun segmentFingerprintClassify() {
        val normal = Simulator.of(SimulationConfig.builder(2).heterogeneousFraction(0.0)
            .allowedStates(org.deepspt.api.DiffusionState.NORMAL).fixedLength(200).build()).simulate(60, 1L)
        val confined = Simulator.of(SimulationConfig.builder(2).heterogeneousFraction(0.0)
            .allowedStates(org.deepspt.api.DiffusionState.CONFINED).fixedLength(200).build()).simulate(60, 2L)
            .map { it.withId("c" + it.id()) }
        val tracks = normal + confined
        val labels = normal.map { "free" } + confined.map { "confined" }

        val fingerprints = Pipeline.builder()
            .segmenter(RollingMsdSegmenter.defaults())
            .fingerprints(DiffusionalFingerprint.defaults())
            .threads(2)
            .build()
            .run(tracks)
            .fingerprints()
        val classifier = ClassifierTrainer.logistic().seed(3L).build().train(fingerprints, labels)

        val predicted = Pipeline.builder()
            .segmenter(RollingMsdSegmenter.defaults())
            .classifier(classifier)
            .build()
            .run(tracks)
            .predictions()
        assertEquals(tracks.size, predicted.size)
        val correct = predicted.zip(labels).count { (p, l) -> p.label() == l }
        assertTrue(correct >= 0.9 * tracks.size, "training accuracy $correct / ${tracks.size}")
    }
}
