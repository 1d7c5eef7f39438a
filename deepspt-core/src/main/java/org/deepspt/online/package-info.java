/**
 * Online (streaming) segmentation for acquisition software: localisations arrive frame by frame and the
 * diffusion state of every live particle is reported while the microscope is still recording.
 *
 * <p>{@link org.deepspt.online.OnlineSegmenter} wraps any {@link org.deepspt.api.Segmenter}. Each live
 * particle keeps a ring buffer of its last points; after every frame, one batched
 * {@link org.deepspt.api.Segmenter#segmentAll} call segments the sliding windows of the particles that need
 * an update, and the probabilities of frame t − L become <em>final</em> (L = lag, in frames). Final
 * per-frame states ({@link org.deepspt.online.FrameState}), optional provisional estimates of the newest
 * frame, state-change events ({@link org.deepspt.online.StateChange}) and rejected short tracks
 * ({@link org.deepspt.online.RejectedTrack}) reach {@link org.deepspt.online.OnlineListener}s on a
 * delivery thread.
 */
@NullMarked
package org.deepspt.online;

import org.jspecify.annotations.NullMarked;
