/**
 * Online (streaming) segmentation for acquisition software: localisations arrive frame by frame and the
 * diffusion state of every live particle is reported while the microscope is still recording.
 *
 * <p>{@link org.deepspt.online.OnlineSegmenter} runs on a {@link org.deepspt.online.StreamingModel} (a causal
 * network stepped once per new point, its state carried per particle, all particles of a frame in one engine
 * call; loaded by {@link org.deepspt.online.StreamingModels}) or on any {@link org.deepspt.api.Segmenter} over
 * sliding windows (one batched {@link org.deepspt.api.Segmenter#segmentEach} call per frame). The probabilities
 * of frame t − L become <em>final</em> when frame t is completed (L = lag, in frames). Final per-frame states
 * ({@link org.deepspt.online.FrameState}), optional provisional estimates of the newest frame, state-change
 * events with hysteresis ({@link org.deepspt.online.StateChange}) and rejected short tracks
 * ({@link org.deepspt.online.RejectedTrack}) reach {@link org.deepspt.online.OnlineListener}s on a delivery
 * thread. Particles that stop being reported end by themselves; an id reused after its track ended starts a
 * new, numbered track.
 */
@NullMarked
package org.deepspt.online;

import org.jspecify.annotations.NullMarked;
