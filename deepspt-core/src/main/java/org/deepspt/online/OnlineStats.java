package org.deepspt.online;

/**
 * Counters of an {@link OnlineSegmenter}, a snapshot.
 *
 * @param framesCompleted frames processed
 * @param liveParticles particles pushed and not yet lost
 * @param bufferedPoints points held in the ring buffers of live particles (bounded by live particles ×
 *     {@link OnlineSegmenter#bufferCapacity()})
 * @param windowsSegmented windows sent to the segmenter
 * @param batches {@code segmentAll} calls (at most one per completed frame, plus one per flush)
 * @param finalStates final frame states emitted
 * @param provisionalDropped provisional estimates dropped because the listeners lagged behind
 * @param listenerFailures exceptions thrown by listeners (logged, then ignored)
 */
public record OnlineStats(long framesCompleted, int liveParticles, long bufferedPoints, long windowsSegmented,
        long batches, long finalStates, long provisionalDropped, long listenerFailures) {
}
