package org.deepspt.online;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Receives the results of an {@link OnlineSegmenter}. All methods default to doing nothing; implement the
 * ones you need. Called on the segmenter's delivery thread (never the producer's), one event at a time and
 * in emission order: for each particle, final states arrive in frame order. A listener that throws is
 * logged and counted ({@link OnlineStats#listenerFailures()}); the others still receive the event. A slow
 * listener delays every listener and eventually the producer (see {@link OnlineSegmenter}'s back-pressure
 * policy); hand long work to your own executor.
 */
public interface OnlineListener {

    /** @param state a final estimate; each (particle, frame) receives exactly one */
    default void onFinal(FrameState state) {
    }

    /** @param state a provisional estimate of a particle's newest frame (only with provisional on) */
    default void onProvisional(FrameState state) {
    }

    /** @param change a change of a particle's final state */
    default void onStateChange(StateChange change) {
    }

    /** @param track a particle that ended too short to segment */
    default void onRejected(RejectedTrack track) {
    }

    /** @param action called with every final state @return a listener of final states only */
    static OnlineListener finals(Consumer<FrameState> action) {
        Objects.requireNonNull(action, "action");
        return new OnlineListener() {
            @Override
            public void onFinal(FrameState state) {
                action.accept(state);
            }
        };
    }

    /** @param action called with every state change @return a listener of state changes only */
    static OnlineListener changes(Consumer<StateChange> action) {
        Objects.requireNonNull(action, "action");
        return new OnlineListener() {
            @Override
            public void onStateChange(StateChange change) {
                action.accept(change);
            }
        };
    }
}
