package org.deepspt.examples

import org.deepspt.io.ReadOptions
import org.deepspt.io.TrackReaders
import org.deepspt.online.FrameState
import org.deepspt.online.OnlineListener
import org.deepspt.online.OnlineOptions
import org.deepspt.online.OnlineReplay
import org.deepspt.online.OnlineSegmenter
import org.deepspt.online.StateChange
import org.deepspt.online.StreamingModels
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.nio.file.Path
import java.util.concurrent.ConcurrentLinkedQueue

/** The README's online-segmentation example in Kotlin: a recording replayed through the bundled streaming model. */
class KotlinOnlineTest {

    @Test
    fun replayARecordingAndCollectStateChanges() {
        val tracks = TrackReaders.read(Path.of("../examples/tracks-2d.csv"), ReadOptions.defaults())
            .trajectories().take(6).map { it.slice(0, minOf(it.size(), 100), it.id()) }
        val finals = ConcurrentLinkedQueue<FrameState>()
        val changes = ConcurrentLinkedQueue<StateChange>()
        // --- README ---
        StreamingModels.bundled(2, "auto").use { model ->
            OnlineSegmenter.of(model, OnlineOptions.defaults().withLag(20).withProvisional(true)).use { online ->
                online.addListener(object : OnlineListener {
                    override fun onFinal(state: FrameState) { finals.add(state) }
                    override fun onStateChange(change: StateChange) { changes.add(change) }
                })
                OnlineReplay.run(online, tracks, 0.0) // frame by frame, as fast as possible
            }
        }
        // --- end README ---
        assertEquals(tracks.sumOf { it.size() }, finals.size)
        val byParticle = finals.groupBy { it.particleId() }
        val dwell = OnlineOptions.defaults().minDwell()
        for (c in changes) {
            val states = byParticle.getValue(c.particleId())
            val i = states.indexOfFirst { it.frame() == c.frame() }
            // hysteresis: the new state holds for minDwell final frames from the event's frame on
            assertTrue(i > 0 && c.from() != c.to())
            assertTrue(states.subList(i, i + dwell).all { it.state() == c.to() })
        }
    }
}
