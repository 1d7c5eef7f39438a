package org.deepspt.pipeline;

/**
 * What the {@link Pipeline} made of one input track: either a {@link TrackResult} or a
 * {@link TrackFailure}. Every input track yields exactly one outcome, in input order.
 */
public sealed interface TrackOutcome permits TrackResult, TrackFailure {

    /** @return id of the input track */
    String trackId();

    /** @return true for a {@link TrackResult}, false for a {@link TrackFailure} */
    boolean succeeded();
}
