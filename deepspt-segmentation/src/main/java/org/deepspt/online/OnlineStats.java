package org.deepspt.online;

/**
 * Counters of an {@link OnlineSegmenter}, a snapshot.
 *
 * @param framesCompleted frames processed
 * @param liveParticles particles pushed whose track has not ended
 * @param bufferedPoints points held in the rings of live particles (at most live particles ×
 *     {@link OnlineSegmenter#bufferCapacity()})
 * @param bufferBytes bytes of the per-particle arrays of live particles (rings, estimates, carried model
 *     state; not counting the id strings and map entries)
 * @param tracksStarted tracks started so far (the largest {@link FrameState#track()} number)
 * @param idleEnded tracks ended because their particle was idle for {@link OnlineOptions#idleFrames()} frames
 * @param windowsSegmented windows sent to the segmenter, or particle steps of a streaming model
 * @param batches engine calls ({@code segmentEach} or one streaming step batch; at most one per completed
 *     frame, plus one per flush)
 * @param finalStates final frame states emitted
 * @param provisionalDropped provisional estimates dropped because the listeners lagged behind
 * @param listenerFailures exceptions thrown by listeners (logged, then ignored)
 */
public record OnlineStats(long framesCompleted, int liveParticles, long bufferedPoints, long bufferBytes,
        long tracksStarted, long idleEnded, long windowsSegmented, long batches, long finalStates,
        long provisionalDropped, long listenerFailures) {
}
