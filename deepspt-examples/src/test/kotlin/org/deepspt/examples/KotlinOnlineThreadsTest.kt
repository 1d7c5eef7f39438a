package org.deepspt.examples

import org.deepspt.api.InvalidTrajectoryException
import org.deepspt.online.FrameState
import org.deepspt.online.OnlineListener
import org.deepspt.online.OnlineOptions
import org.deepspt.online.OnlineSegmenter
import org.deepspt.online.StateChange
import org.deepspt.online.StreamingModels
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.Timeout
import java.util.SplittableRandom
import java.util.concurrent.ArrayBlockingQueue
import java.util.concurrent.BlockingQueue
import java.util.concurrent.ConcurrentLinkedQueue
import java.util.concurrent.atomic.AtomicReference
import kotlin.concurrent.thread

/**
 * The acquisition example in Kotlin: an acquisition thread produces frames of localisations, a tracker thread
 * takes them from a bounded queue and pushes each frame to the streaming model; particles that disappear end by
 * themselves after `idleFrames`, and a particle that comes back under the same id starts a new track. Frame 50 has
 * a NaN localisation: the tracker reports the frame's refusal and goes on (it used to die and hang the example).
 */
class KotlinOnlineThreadsTest {

    /** One camera frame as the localiser hands it over: particle ids (from the tracker) and µm coordinates. */
    private class Frame(val index: Int, val ids: Array<String>, val xy: Array<DoubleArray>)

    private val end = Frame(-1, emptyArray(), emptyArray())

    /**
     * 300 frames of 40 particles; particle p blinks out for 25 frames after its first 100 + p frames; particle p7 has
     * x = NaN in frame 50.
     */
    private fun acquire(out: BlockingQueue<Frame>) {
        val r = SplittableRandom(11)
        val pos = Array(40) { doubleArrayOf(it.toDouble(), 0.0) }
        for (f in 0 until 300) {
            val present = pos.indices.filter { f < 100 + it || f >= 125 + it }
            for (p in present) {
                pos[p][0] += 0.05 * r.nextGaussian() + if (p % 4 == 0) 0.04 else 0.0
                pos[p][1] += 0.05 * r.nextGaussian()
            }
            val xy = present.map { if (f == 50 && it == 7) doubleArrayOf(Double.NaN, pos[it][1]) else pos[it].clone() }
            out.put(Frame(f, present.map { "p$it" }.toTypedArray(), xy.toTypedArray()))
        }
    }

    @Test
    @Timeout(60) // it used to hang on the bad frame
    fun acquisitionAndTrackerThreads() {
        val finals = ConcurrentLinkedQueue<FrameState>()
        val changes = ConcurrentLinkedQueue<StateChange>()
        val refused = ConcurrentLinkedQueue<String>()
        val failure = AtomicReference<RuntimeException>()
        var pushed = 0L
        // --- README ---
        val frames: BlockingQueue<Frame> = ArrayBlockingQueue(64) // the acquisition never waits on us for long
        StreamingModels.bundled(2, "auto").use { model -> // one step per particle per frame
            OnlineSegmenter.of(model, OnlineOptions.defaults().withLag(20).withIdleFrames(10).withFrameInterval(0.01))
                .use { online ->
                    online.addListener(object : OnlineListener {
                        override fun onFinal(state: FrameState) { finals.add(state) }
                        override fun onStateChange(change: StateChange) { changes.add(change) }
                    })
                    val acquisition = thread(name = "acquisition") {
                        try {
                            acquire(frames) // the camera + localiser + tracker: one Frame per camera frame
                        } finally {
                            frames.put(end) // always, also when the acquisition fails: the tracker stops at it
                        }
                    }
                    val tracker = thread(name = "tracker") {
                        while (true) {
                            val f = frames.take()
                            if (f === end) break
                            try {
                                online.pushFrame(f.index, f.ids, f.xy) // one engine call for the whole frame
                                pushed += f.ids.size
                            } catch (e: InvalidTrajectoryException) {
                                refused.add(e.message) // a bad localisation refuses its frame whole: report, go on
                            } catch (e: RuntimeException) {
                                failure.compareAndSet(null, e) // the segmenter failed: keep taking frames to `end`
                            }
                        }
                    }
                    acquisition.join()
                    tracker.join()
                } // close(), whatever happened: pending frames become final, listeners drained
        }
        // --- end README ---
        assertEquals(null, failure.get())
        assertEquals(1, refused.size, refused.toString())
        assertTrue(refused.single().contains("non-finite x = NaN at frame 50"), refused.single())
        assertTrue(finals.none { it.frame() == 50 })
        assertEquals(40 * 300 - 40 * 25 - 40, pushed.toInt())
        assertEquals(pushed, finals.size.toLong(), "every point final once")
        val keys = finals.map { "${it.particleId()}#${it.track()}@${it.frame()}" }
        assertEquals(keys.size, keys.toSet().size)
        // each particle blinked for 25 > idleFrames frames: two tracks per id, told apart by the track number
        assertEquals(80, finals.map { it.particleId() to it.track() }.toSet().size)
        assertTrue(finals.all { Math.abs(it.probabilities().sum() - 1) < 1e-3 })
        val byKey = finals.associateBy { "${it.particleId()}#${it.track()}@${it.frame()}" }
        for (c in changes) {
            assertEquals(c.to(), byKey.getValue("${c.particleId()}#${c.track()}@${c.frame()}").state(), c.toString())
        }
    }
}
