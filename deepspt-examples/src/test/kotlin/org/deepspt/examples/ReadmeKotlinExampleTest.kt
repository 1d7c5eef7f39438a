package org.deepspt.examples

import org.deepspt.baseline.RollingMsdSegmenter
import org.deepspt.io.ReadOptions
import org.deepspt.io.TrackReaders
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.nio.file.Path

/** The README's Kotlin example, compiled by kotlinc in the build and run on the bundled example. */
class ReadmeKotlinExampleTest {

    @Test
    fun confinedFractionPerTrack() {
        // --- README ---
        // rolling-msd needs 5 points: shorter tracks go to read.issues() instead of failing segment()
        val read = TrackReaders.read(Path.of("../examples/tracks-2d.csv"), ReadOptions.builder().minLength(5).build())
        val segmenter = RollingMsdSegmenter.defaults()
        val fractions = read.trajectories().map { t ->
            val states = segmenter.segment(t).stateIndices()
            t.id() to states.count { it == 3 }.toDouble() / states.size   // fraction of subdiffusive frames
        }
        // --- end README ---
        assertEquals(read.trajectories().size, fractions.size)
        assertTrue(fractions.all { (_, f) -> f in 0.0..1.0 })
        assertTrue(fractions.any { (_, f) -> f > 0.0 })
    }
}
