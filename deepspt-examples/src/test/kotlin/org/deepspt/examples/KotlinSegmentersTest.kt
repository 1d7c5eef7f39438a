package org.deepspt.examples

import org.deepspt.api.SegmenterOptions
import org.deepspt.api.Segmenters
import org.deepspt.fingerprint.DiffusionalFingerprint
import org.deepspt.io.ReadOptions
import org.deepspt.io.TrackReaders
import org.deepspt.pipeline.Pipeline
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.nio.file.Path

/** Segmenters opened by name through the library (as `--model` does), segment-only and full pipelines. */
class KotlinSegmentersTest {

    @Test
    fun openByNameAndRunSegmentOnlyAndFullPipelines() {
        val read = TrackReaders.read(Path.of("../examples/tracks-2d.csv"), ReadOptions.defaults())
        for (name in listOf("unet", "rolling-msd")) {
            Segmenters.open(name, read.dimension(), SegmenterOptions.defaults()).use { segmenter ->
                val segmented = Pipeline.builder().segmenter(segmenter).segmentOnly().threads(2).build()
                    .run(read.trajectories())
                assertEquals(read.trajectories().size, segmented.results().size + segmented.issues().size)
                assertTrue(segmented.results().all { it.segmentation().isPresent && it.fingerprint().isEmpty })

                val full = Pipeline.builder().segmenter(segmenter).fingerprints(DiffusionalFingerprint.defaults())
                    .minSegment(5).build().run(read.trajectories())
                assertEquals(segmented.results().size, full.results().size, name)
                assertTrue(full.results().all { it.fingerprint().get().size() == 43 }, name)
            }
        }
    }
}
